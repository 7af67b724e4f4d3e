"""coder_version is built from the files the loaders read: editing any of them changes it,
and `ingest --recode` then re-codes. Package data is edited in a temporary copy."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from communique.coder.cluster import local_version

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "communique"
# data files that --only-dictionaries still reads (the grammar settings of verbs.yaml; the
# geolocator's place list, country words and actor places)
ONLY_READS = {"cameo.tsv", "coref.yaml", "event_rules.yaml", "sectors.tsv", "verbs.yaml",
              "features.yaml", "actors/countries.yaml", "actors/places.yaml"}

VERSIONS = r"""
import json, sys
from pathlib import Path
import communique
from communique.coder.cluster import local_version

data = Path(communique.__file__).parent / "dictionaries" / "data"
assert str(data).startswith(sys.argv[1]), communique.__file__  # the copy, not the checkout

def versions():
    return [local_version(), local_version(only_dictionaries=True)]

out = {"before": versions()}
for rel in sys.argv[2:]:
    path = data / rel
    old = path.read_bytes()
    path.write_bytes(old + (b"\n" if rel.endswith(".tsv") else b"\n# edited\n"))
    out[rel] = versions()
    path.write_bytes(old)
(data / "notes.txt").write_text("not a dictionary\n")
(data / "actors" / "old_people.yaml").write_text("- name: Nobody\n")
(data / "FORMATS.md").write_text("edited\n")
out["unrelated"] = versions()
print(json.dumps(out))
"""


def copy_package(tmp: Path) -> Path:
    shutil.copytree(PACKAGE, tmp / "communique", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp


def run(args: list[str], pythonpath: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    r = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode in (0, 1), r.stderr
    return r


def test_every_loaded_data_file_is_in_the_version(tmp_path):
    copy = copy_package(tmp_path / "pkg")
    data = copy / "communique" / "dictionaries" / "data"
    files = sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.suffix in (".yaml", ".tsv"))
    assert {"coref.yaml", "event_rules.yaml", "sectors.tsv", "actors/surnames.yaml"} <= set(files)
    r = run(["-c", VERSIONS, str(copy), *files], copy, tmp_path)
    out = json.loads(r.stdout)
    full, only = out.pop("before")
    assert full != only
    assert out.pop("unrelated") == [full, only]
    for rel, (full_after, only_after) in out.items():
        assert full_after != full, f"editing {rel} left coder_version unchanged"
        if rel in ONLY_READS:
            assert only_after != only, f"editing {rel} left the --only-dictionaries version unchanged"
        else:
            assert only_after == only, f"--only-dictionaries does not read {rel}"


def test_user_dictionaries_yaml_and_petrarch(tmp_path):
    d = tmp_path / "dicts"
    d.mkdir()
    files = {
        "agents.yaml": "- sector: GOV\n  nouns: [steward]\n",
        "people.yaml": "- name: Ada Quill\n  country: ZEM\n  roles: [{code: ZEMGOV, from: 2001-01-01}]\n",
        "surnames.yaml": "needs_full_name: [Quill]\n",  # read because people.yaml sits beside it
        "verbs_mine.yaml": "codes:\n  '010': {verbs: [proclaim]}\n",
        "zembla.actors.txt": "ZEMBLA [ZEM]\n",
        "zembla.verbs.txt": "--- PROCLAIM [010] ---\nPROCLAIM\n- * ZEMBLA [011]\n",
    }
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "README.md").write_text("notes\n")
    (d / "LICENSE.txt").write_text("licence\n")
    for only in (False, True):
        before = local_version(dictionaries=[d], only_dictionaries=only)
        assert before != local_version(only_dictionaries=only)
        for name in files:
            old = (d / name).read_text(encoding="utf-8")
            (d / name).write_text(old + "\n# edited\n" if name.endswith(".yaml") else old + "\n",
                                  encoding="utf-8")
            assert local_version(dictionaries=[d], only_dictionaries=only) != before, name
            (d / name).write_text(old, encoding="utf-8")
        for name in ("README.md", "LICENSE.txt"):  # not dictionaries: never read
            (d / name).write_text("edited\n")
        assert local_version(dictionaries=[d], only_dictionaries=only) == before


def test_the_coder_lists_the_files_it_read(coder):
    names = [p.name for p in coder.sources]
    assert names[0] == "cameo.tsv"
    for name in ("sectors.tsv", "countries.yaml", "people.yaml", "surnames.yaml", "verbs.yaml",
                 "verbs_news.yaml", "coref.yaml", "event_rules.yaml"):
        assert name in names
    assert all(p.is_file() for p in coder.sources)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    path = tmp_path / "c.jsonl"
    texts = ["Russia criticised China on Monday.", "Japan praised South Korea. They met again.",
             "France condemned Iran."]
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "date": "2017-03-01"}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return path


def test_recode_after_editing_coref(tmp_path, corpus):
    copy = copy_package(tmp_path / "pkg")
    db = tmp_path / "ev.duckdb"
    run(["-m", "communique", "ingest", str(corpus), "--db", str(db), "--progress", "none"], copy, tmp_path)

    def stored() -> set:
        with duckdb.connect(str(db), read_only=True) as con:
            return set(con.execute("SELECT coder_version FROM documents UNION "
                                   "SELECT coder_version FROM events").fetchall())

    (old,) = stored()
    coref = copy / "communique" / "dictionaries" / "data" / "coref.yaml"
    coref.write_text(coref.read_text(encoding="utf-8") + "\n# a local edit\n", encoding="utf-8")
    version = run(["-c", "from communique.coder.cluster import local_version; print(local_version())"],
                  copy, tmp_path).stdout.strip()
    assert version != old[0]
    run(["-m", "communique", "ingest", "--recode", "--db", str(db), "--progress", "none"], copy, tmp_path)
    assert stored() == {(version,)}
