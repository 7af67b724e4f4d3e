"""Checks shared by several test modules (not a test module itself)."""
import duckdb


def read_sql(db, query, params=()):
    """The rows of a query on a store, through a read-only connection closed after it."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, list(params)).fetchall()
    finally:
        con.close()


def assert_spans_hold(text, events) -> None:
    """Every span of every event is the text at its offsets: actors, verb and sentence."""
    for e in events:
        for m in (e.source, e.target):
            if m is not None:
                assert text[m.span.start:m.span.end] == m.span.text
        assert text[e.verb.start:e.verb.end] == e.verb.text
        assert text[e.sentence_start:e.sentence_start + len(e.sentence)] == e.sentence
