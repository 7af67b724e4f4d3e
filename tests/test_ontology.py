import pytest

from communique.dictionaries.ontology import load_ontology
from communique.errors import DictionaryError

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_all_twenty_roots_and_about_300_codes(onto):
    assert onto.roots() == [f"{i:02d}" for i in range(1, 21)]
    assert 280 <= len(onto.codes) <= 330


def test_quad_class_follows_gdelt_convention(onto):
    expected = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 9), 2),
                **dict.fromkeys(range(9, 15), 3), **dict.fromkeys(range(15, 21), 4)}
    for code, c in onto.codes.items():
        assert c.quad_class == expected[int(code[:2])], code


def test_known_values(onto):
    assert onto["0211"].name.lower().startswith("appeal for economic")
    assert onto["190"].goldstein == -10.0
    assert onto["042"].plover_event == "CONSULT"
    assert onto["163"].plover_event in {"SANCTION", "COERCE"}
    assert onto["010"].plover_event is None


def test_every_code_has_name_goldstein_and_plover_where_defined(onto):
    for c in onto.codes.values():
        assert c.name and -10 <= c.goldstein <= 10
        assert c.plover_event is None or c.plover_event in PLOVER
    mapped = [c for c in onto.codes.values() if c.plover_event]
    assert len(mapped) > 200


def test_bad_row_reports_file_and_line(tmp_path):
    f = tmp_path / "cameo.tsv"
    f.write_text("code\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\tdescription\n"
                 "01\tStatement\t0\t1\t\t\tx\n01X\tBroken\t0\t1\t\t\tx\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"cameo.tsv:3"):
        load_ontology(f)
