"""One coder interface: the local coder and the process pool report the same version and
dictionary problems and code the same events; documents are handed out in bounded windows.
(The Dask coder is checked on a real cluster in test_scaleout.py.)"""
from datetime import date
from pathlib import Path

import pytest

from communique.coder.core import Coder
from communique.coder.interface import CodedDocument, EventCoder, in_chunks
from communique.coder.pool import ParallelCoder, make_coder
from communique.errors import DictionaryError
from communique.records import Document

TEXTS = ["Zembla protested to the Bramble Isles on Monday.",
         "Russia criticised China. Japan praised South Korea.",
         "The Bramble Isles thanked Zembla for the aid.",
         "France condemned Iran over the missile test."]


@pytest.fixture(scope="module")
def bad_dictionary(tmp_path_factory) -> Path:
    """A PETRARCH actor file whose first entry has a faulty date (left out, reported)."""
    path = tmp_path_factory.mktemp("dict") / "bad.actors.txt"
    path.write_text("ATLANTIS [ATL >9901]\nZEMBLA [ZEM]\nBRAMBLE ISLES [BRM]\n", encoding="utf-8")
    return path


def documents() -> list[Document]:
    return [Document(f"d{i}", t, None) for i, t in enumerate(TEXTS * 5)]


def coded(coder: EventCoder) -> list[tuple[str, list[dict], int]]:
    return [(c.document.id, [e.to_dict() for e in c.events], c.sentences)
            for c in coder.code_documents(documents(), date(2017, 3, 1))]


def test_problems_version_and_events_equal_with_one_and_two_workers(bad_dictionary):
    with make_coder(1, dictionaries=[bad_dictionary]) as one:
        assert isinstance(one, Coder) and isinstance(one, EventCoder)
        assert one.problems == [f"{bad_dictionary}:1: date '9901' is not YYMMDD or YYYYMMDD"]
        single = coded(one)
    with make_coder(2, dictionaries=[bad_dictionary]) as two:
        assert isinstance(two, ParallelCoder) and isinstance(two, EventCoder)
        assert two.problems == one.problems
        assert two.version == one.version
        multi = coded(two)
    assert multi == single
    assert any(e["source"]["code"] == "ZEM" for _, events, _ in single for e in events)


def test_a_dictionary_error_in_the_workers_is_raised_not_retried(tmp_path):
    broken = tmp_path / "agents.yaml"
    broken.write_text("- sector: gov\n  nouns: [steward]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="agents.yaml: entry 1: unknown sector 'gov'"):
        ParallelCoder(2, dictionaries=[broken])


def test_windows_are_bounded_and_in_order():
    docs = [Document(f"d{i}", "x", None) for i in range(100)]
    pending: list[list[Document]] = []
    sizes, most = [], 0

    def submit(chunk):
        nonlocal most
        pending.append(chunk)
        sizes.append(len(chunk))
        most = max(most, len(pending))
        return chunk

    def collect(chunk):
        assert pending[0] is chunk  # the oldest chunk is collected first
        pending.pop(0)
        return [CodedDocument(d, [], 1) for d in chunk]

    out = [c.document.id for c in in_chunks(iter(docs), submit, collect, 4, 16, 3)]
    assert out == [d.id for d in docs]
    assert sizes == [4, 8, 16, 16, 16, 16, 16, 8]
    assert most == 3


def test_windows_read_the_input_lazily():
    read = []

    def stream():
        for i in range(50):
            read.append(i)
            yield Document(f"d{i}", "x", None)

    out = in_chunks(stream(), lambda c: c, lambda c: [CodedDocument(d, [], 0) for d in c], 5, 5, 2)
    first = next(out)
    assert first.document.id == "d0" and len(read) == 10  # two chunks submitted, one collected
