"""The events a re-coding replaced, kept for before/after views (store schema 3).

When documents are re-coded, the events that went away and the events that came in are
written to ``events_history``, one row each, as the JSON of their store row (with mention
spans and sentence); an event that is the same before and after, but for its coder
version, is not, so a re-coding that changes nothing adds nothing. ``revision`` counts a
document's re-codings that changed something.
"""
from __future__ import annotations

HISTORY_DDL = """
CREATE TABLE IF NOT EXISTS events_history (
    doc_id VARCHAR NOT NULL, revision INTEGER NOT NULL, changed_at TIMESTAMP NOT NULL,
    old_version VARCHAR, new_version VARCHAR, change VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
    event JSON NOT NULL);
CREATE TABLE IF NOT EXISTS coder_versions (
    version VARCHAR PRIMARY KEY, base VARCHAR NOT NULL, rules JSON NOT NULL, registered TIMESTAMP);
"""

# the events of the documents in the temporary table _replace, with their evidence
_ROWS = """
SELECT e.*, s.text AS source_text, s.start AS source_start, s."end" AS source_end,
       t.text AS target_text, t.start AS target_start, t."end" AS target_end,
       sen.text AS sentence, sen.start AS sentence_start
FROM (SELECT * FROM events WHERE doc_id IN (SELECT doc_id FROM _replace)) e
LEFT JOIN mentions s ON s.event_id = e.event_id AND s.role = 'source' AND s.doc_id = e.doc_id
LEFT JOIN mentions t ON t.event_id = e.event_id AND t.role = 'target' AND t.doc_id = e.doc_id
LEFT JOIN sentences sen ON sen.doc_id = e.doc_id AND sen.sentence_index = e.sentence_index
"""


def before(con) -> None:
    """Call inside the transaction, before the events of ``_replace`` are deleted."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _before AS {_ROWS}")
    con.execute("CREATE OR REPLACE TEMP TABLE _before_docs AS SELECT doc_id, coder_version FROM documents "
                "WHERE doc_id IN (SELECT doc_id FROM _replace)")


def after(con) -> int:
    """Call after the new events are written and the versions updated: records what changed
    and returns the number of history rows written."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _after AS {_ROWS}")
    con.execute("CREATE OR REPLACE TEMP TABLE _revision AS SELECT r.doc_id, coalesce(max(h.revision), 0) + 1 AS rev "
                "FROM _replace r LEFT JOIN events_history h USING (doc_id) GROUP BY r.doc_id")
    changed = 0
    for change, mine, other in (("removed", "_before", "_after"), ("added", "_after", "_before")):
        n = con.execute(
            f"""INSERT INTO events_history
            SELECT x.doc_id, r.rev, current_timestamp, b.coder_version, d.coder_version, '{change}',
                   x.event_id, to_json(x)
            FROM {mine} x JOIN _before_docs b USING (doc_id) JOIN documents d USING (doc_id)
            JOIN _revision r USING (doc_id)
            WHERE x.event_id IN (SELECT event_id FROM (SELECT * EXCLUDE (coder_version) FROM {mine}
                                 EXCEPT SELECT * EXCLUDE (coder_version) FROM {other}))""").fetchone()
        changed += n[0] if n else 0
    for table in ("_before", "_after", "_before_docs", "_revision"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return changed


def document_history(con, doc_id: str) -> list[dict]:
    """A document's re-codings, newest first: {revision, changed_at, old_version,
    new_version, removed: [event rows], added: [event rows]} (rows as dicts)."""
    import json

    rows = con.execute("SELECT revision, changed_at, old_version, new_version, change, event FROM events_history "
                       "WHERE doc_id = ? ORDER BY revision DESC, change DESC, event_id", [doc_id]).fetchall()
    out: dict[int, dict] = {}
    for revision, at, old, new, change, event in rows:
        item = out.setdefault(revision, {"revision": revision, "changed_at": at.isoformat(timespec="seconds"),
                                         "old_version": old, "new_version": new, "removed": [], "added": []})
        item[change].append(json.loads(event))
    return list(out.values())
