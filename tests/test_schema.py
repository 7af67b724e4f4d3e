"""Store schema 2: events carry location, method and confidence; schema 3: the history of
re-coded events and the coder versions; older stores are upgraded when opened for writing
and refused, with the command to upgrade them, when read-only."""
import duckdb
import pytest

from communique.errors import CommuniqueError
from communique.store.event_store import SCHEMA_VERSION, EventStore

NEW = ("location_text", "location_lat", "method", "confidence")


def _downgrade(path):
    """Make a schema-1 store of a fresh one: drop the columns schema 2 added."""
    con = duckdb.connect(str(path))
    con.execute("DROP VIEW event_view")
    con.execute("DROP TABLE events_history")
    con.execute("DROP TABLE coder_versions")
    for column in NEW:
        con.execute(f'ALTER TABLE events DROP COLUMN "{column}"')
    con.execute("ALTER TABLE documents DROP COLUMN date_defaulted")  # schema 3's
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()


def test_an_old_store_is_upgraded_and_keeps_its_events(tmp_path, sample_store_builder):
    path = tmp_path / "old.duckdb"
    sample_store_builder(path).close()
    _downgrade(path)
    with pytest.raises(CommuniqueError, match="older communique.*communique ingest --recode"):
        EventStore(path, read_only=True)
    with EventStore(path) as store:  # opened for writing: migrated
        assert store.meta("schema_version") == SCHEMA_VERSION == "5"
        assert store.con.execute("SELECT count(*) FROM events_history").fetchone()[0] == 0
        rows = store.con.execute("SELECT count(*), count(DISTINCT method), min(method), "
                                 "count(location_text) FROM event_view").fetchone()
        assert store.con.execute("SELECT DISTINCT date_defaulted FROM documents").fetchall() == [(False,)]
    assert rows == (7, 1, "dictionary", 0)
    with EventStore(path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 7


def test_a_new_store_has_every_event_column(tmp_path):
    with EventStore(tmp_path / "new.duckdb") as store:
        cols = {r[0] for r in store.con.execute("DESCRIBE event_view").fetchall()}
    assert set(NEW) | {"location_country", "location_precision", "source_code"} <= cols
