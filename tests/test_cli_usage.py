"""Usage errors, --help and exit statuses of the command line (no coder is loaded)."""
import subprocess
import sys
from pathlib import Path

import pytest

from communique.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ["code", "evaluate", "validate", "convert-dictionary", "demo", "ingest", "dedupe",
            "stats", "dyads", "top", "export"]


@pytest.mark.parametrize("argv, names", [
    ([], "Missing command"),
    (["nosuch"], "No such command 'nosuch'"),
    (["code"], "Missing argument 'INPUT...'"),
    (["code", "-", "--date", "yesterday"], "'--date': unparsable date 'yesterday'"),
    (["code", "-", "--date"], "'--date' requires an argument"),
    (["code", "-", "--formt", "csv"], "No such option: --formt"),
    (["code", "-", "--format", "xml"], "'--format': 'xml' is not one of 'jsonl', 'csv'"),
    (["code", "-", "--workers", "0"], "'--workers': 0 is not in the range x>=1"),
    (["code", "-", "--workers", "two"], "'--workers': 'two' is not a valid integer"),
    (["code", "-", "--columns", "body"], "'--columns': expected FIELD=COLUMN pairs"),
    (["code", "-", "--columns", "txt=body"], "'--columns': expected FIELD=COLUMN pairs"),
    (["code", "-", "--input-format", "xml"], "'--input-format': 'xml' is not one of"),
    (["code", "-", "--encoding", "klingon"], "'--encoding': unknown text encoding 'klingon'"),
    (["dedupe", "-", "--encoding", "base64"], "'--encoding': unknown text encoding 'base64'"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--delimiter", ";;"], "'--delimiter': must be one character"),
    (["ingest", "x.jsonl"], "Missing option '--db'"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--progress", "fancy"], "'--progress': 'fancy' is not one of"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--threshold", "1.5"], "'--threshold': 1.5 is not in the range"),
    (["dyads", "--db", "x.duckdb", "--by", "decade"], "'--by': 'decade' is not one of"),
    (["dyads", "--db", "x.duckdb", "--from", "2017-13-01"], "'--from': unparsable date '2017-13-01'"),
    (["top", "--db", "x.duckdb", "-n", "0"], "'-n': 0 is not in the range x>=1"),
    (["export", "--db", "x.duckdb"], "Missing option '--format'"),
    (["stats"], "Missing option '--db'"),
])
def test_usage_error_is_one_line_naming_the_option(argv, names, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("communique: error: ") and names in err, err
    assert "Usage:" not in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())  # nothing was created


def test_the_console_script_prints_the_same_single_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "communique", "code", "-", "--date", "someday"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [
        "communique: error: Invalid value for '--date': unparsable date 'someday' (expected YYYY-MM-DD, "
        "YYYYMMDD, an ISO 8601 date-time or RFC 2822) (see 'communique code --help')"]


@pytest.mark.parametrize("argv, message", [
    (["ingest", "--db", "x.duckdb"], "nothing to do: give INPUT files or --recode"),
    (["dedupe"], "give INPUT files to look for duplicates in"),
    (["stats", "--db", "missing.duckdb"], "no event store"),
    (["export", "--db", "missing.duckdb", "--format", "parquet"], "--format parquet needs -o FILE"),
    (["validate", "missing.xml"], "missing.xml:0: cannot read file"),
    (["evaluate", "missing.jsonl"], "missing.jsonl: No such file or directory"),
    (["convert-dictionary", "missing.verbs.txt"], "missing.verbs.txt:0: cannot read file"),
    (["dedupe", "in.jsonl", "-o", "no/such/dir/groups.jsonl"], "no/such/dir/groups.jsonl: No such file or directory"),
])
def test_errors_found_while_running_are_one_line_and_exit_two(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text('{"text": "Russia praised China."}\n')
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("communique: error: ") and message in err and err.count("\n") == 1, err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"Usage: communique {command}" in out and "--help" in out


def test_top_level_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(command in out for command in COMMANDS)
