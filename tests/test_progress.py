"""Progress of an ingest: plain lines (rates and ETA on documents stored) and the Rich bar."""
import io
import json

from communique.cli.main import main
from communique.cli.progress_report import BarProgress, LineProgress, Progress, make_progress


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_lines_every_interval_with_eta_on_documents_stored():
    clock, out = Clock(), io.StringIO()
    p = LineProgress(total=100, stream=out, interval=10, clock=clock)
    clock.now = 5.0
    p.advance(read=30)
    assert out.getvalue() == ""  # not yet: one line every 10 s
    clock.now = 10.0
    p.advance(read=30, done=20, sentences=100, events=7)
    # 60 read but 20 stored in 10 s: 2 docs/s, 80 left -> 40 s (on reads it would say 7 s)
    assert out.getvalue() == ("ingest: 20 stored of 100 (20%), 60 read, 2.0 docs/s, 10 sentences/s, "
                              "7 events, ETA 0:40\n")
    clock.now = 15.0
    p.advance(read=40)
    assert out.getvalue().count("\n") == 1
    clock.now = 50.0
    p.advance(done=80, events=3)
    p.finish()
    last = out.getvalue().splitlines()[-1]
    assert last == "ingest: 100 stored of 100 (100%), 100 read, 2.0 docs/s, 2 sentences/s, 10 events"


def test_interval_zero_gives_a_line_per_commit_and_no_total_no_eta():
    clock, out = Clock(), io.StringIO()
    p = LineProgress(total=None, label="recode", stream=out, interval=0, clock=clock)
    clock.now = 4.0
    p.advance(read=3, events=2)
    assert out.getvalue() == ""
    p.advance(done=3)
    assert out.getvalue() == "recode: 3 stored, 3 read, 0.8 docs/s, 0 sentences/s, 2 events\n"


def test_auto_mode_picks_lines_off_a_terminal_and_a_bar_on_one():
    assert isinstance(make_progress("auto", 10, stream=io.StringIO()), LineProgress)
    assert type(make_progress("none", 10)) is Progress
    tty = io.StringIO()
    tty.isatty = lambda: True
    clock = Clock()
    bar = make_progress("auto", 10, stream=tty)
    assert isinstance(bar, BarProgress)
    bar.clock = clock
    bar.started = 0.0
    clock.now = 2.0
    bar.advance(read=6, done=4, events=5)
    bar.finish()
    drawn = tty.getvalue()
    assert "4/10" in drawn and "2.0 docs/s" in drawn and "5 events" in drawn and "ETA 0:03" in drawn


def test_ingest_prints_progress_lines(tmp_path, capsys):
    src = tmp_path / "c.jsonl"
    texts = ["Russia praised China.", "Japan condemned North Korea.", "Iran praised Syria.",
             "China criticized Japan.", "France thanked Germany."]
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "date": "2017-07-04"}) + "\n"
                           for i, t in enumerate(texts)))
    db = tmp_path / "ev.duckdb"
    assert main(["ingest", str(src), "--db", str(db), "--commit-every", "2", "--progress", "lines",
                 "--progress-interval", "0"]) == 0
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("ingest: ")]
    stored = [x.split(" stored")[0].removeprefix("ingest: ") for x in lines]
    assert stored == ["2", "4", "5", "5"]  # a line per commit, then the final one
    assert lines[0].startswith("ingest: 2 stored of 5 (40%), ") and "ETA" in lines[0]
    assert lines[-1].startswith("ingest: 5 stored of 5 (100%), 5 read, ") and "ETA" not in lines[-1]
    events = int(lines[-1].split(" events")[0].rsplit(", ", 1)[1])
    assert events >= 5
