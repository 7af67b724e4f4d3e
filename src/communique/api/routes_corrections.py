"""The correction loop: GET/POST /corrections, DELETE /corrections/{id}, POST /corrections/apply.

A correction made on an event (or a missing actor name found in a document) is written as a
rule into the server's corrections file (``--corrections``: a path fixed at start, never
one from a request). Applying re-codes the documents the changed rules can touch, as
``communique ingest --db DB --dictionaries FILE --recode`` does. Every write needs the token.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Request

from communique.analysis import queries
from communique.api.guard import require_json, require_token
from communique.api.schemas import CorrectionRequest
from communique.api.store import StoreUnavailable, store
from communique.dictionaries.corrections import ACTOR_CODE, CorrectionFile, actor_rules, fold
from communique.errors import CommuniqueError, DictionaryError

router = APIRouter(tags=["corrections"])
WRITES = [Depends(require_token)]


def _file(request: Request) -> CorrectionFile:
    try:
        return CorrectionFile(request.app.state.settings.corrections, request.app.state.ontology)
    except DictionaryError as exc:
        raise HTTPException(409, f"the corrections file cannot be used: {exc}") from None


def _command(request: Request) -> str:
    s = request.app.state.settings
    extra = "".join(f" --dictionaries {d}" for d in s.dictionaries) + (" --only-dictionaries" if s.only else "")
    return f"communique ingest --db {s.db_path}{extra} --dictionaries {s.corrections} --recode"


def _applied(con) -> set[str]:
    """Digests of the rules the store's documents were coded with (their most common version)."""
    if not queries.has_table(con, "coder_versions"):
        return set()
    row = con.execute("SELECT v.rules FROM (SELECT coder_version, count(*) AS n FROM documents WHERE coded "
                      "GROUP BY ALL ORDER BY n DESC LIMIT 1) d JOIN coder_versions v ON v.version = "
                      "d.coder_version").fetchone()
    return set(json.loads(row[0])) if row else set()


def _listing(request: Request, fixes: CorrectionFile, con) -> dict:
    applied = _applied(con)
    digests = {c.id: "c" + c.digest for c in fixes.rules}
    rules = [{**item, "kind": rule.kind, "applied": digests[rule.id] in applied}
             for item, rule in zip(fixes.corrections, fixes.rules)]
    names = [{**item, "kind": "actor_name", "applied": next(iter(actor_rules([item])), "") in applied}
             for item in fixes.actors if isinstance(item, dict)]
    present = set(digests.values()) | set(actor_rules(fixes.actors))
    removed = len(applied - present)  # rules taken out of the file since the store was coded
    pending = sum(not r["applied"] for r in [*rules, *names]) + removed
    return {"file": fixes.path.name, "exists": fixes.path.is_file(), "corrections": rules, "actors": names,
            "pending": pending, "removed": removed, "command": _command(request),
            "writes_enabled": bool(request.app.state.settings.token)}


@router.get("/corrections", summary="The rules of the corrections file, applied to the store or not")
def list_corrections(request: Request, con: duckdb.DuckDBPyConnection = Depends(store)):
    return _listing(request, _file(request), con)


def _rule_id(prefix: str, content: dict) -> str:
    return prefix + hashlib.sha1(json.dumps(content, sort_keys=True).encode()).hexdigest()[:8]


def _event_rule(body: CorrectionRequest, event: dict, ontology) -> dict:
    words = body.words or [event["verb"]["text"]]
    sentence = fold(event.get("sentence") or "")
    for w in words:
        if fold(w.strip()) not in sentence:
            raise HTTPException(422, f"words: {w[:60]!r} is not in the event's sentence")
    when: dict = {"sentence": [w.strip() for w in words], "verb": event["verb"]["text"], "cameo": event["cameo"]}
    role = body.kind if body.kind in ("source", "target") else None
    for side in ("source", "target"):
        mention = event.get(side)
        if mention and (not body.any_actors or side == role):
            when[side] = mention["code"]
            if side == role:
                when[f"{side}_text"] = mention["text"]
    if body.kind == "code":
        code = (body.code or "").strip()
        if code not in ontology:
            raise HTTPException(422, f"code: {code[:20]!r} is not a CAMEO code")
        if code == event["cameo"]:
            raise HTTPException(422, f"code: the event is coded {code} already")
        then: dict = {"cameo": code}
    elif role:
        code = (body.code or "").strip().upper()
        if not ACTOR_CODE.fullmatch(code):
            raise HTTPException(422, f"code: {code[:30]!r} is not an actor code (e.g. KORGOV)")
        if event.get(role) and event[role]["code"] == code:
            raise HTTPException(422, f"code: the {role} is {code} already")
        then = {role: code, **({"name": body.name.strip()} if body.name and body.name.strip() else {})}
    else:
        then = {"drop": True}
    return {"when": when, "then": then}


@router.post("/corrections", dependencies=[*WRITES, Depends(require_json)], status_code=201,
             summary="Write a correction as a rule into the corrections file")
def add_correction(body: CorrectionRequest, request: Request, con: duckdb.DuckDBPyConnection = Depends(store)):
    """``kind``: code (another CAMEO code), source or target (another actor), not_event (on an
    ``event_id``), or actor_name (``text``, words of document ``doc_id``, name actor ``code``).
    ``words``: the phrases the rule needs in a sentence (default: the event's verb)."""
    fixes = _file(request)
    made = f"{datetime.now().isoformat(timespec='seconds')} in the workbench"
    if body.kind == "actor_name":
        doc = queries.get_document(con, body.doc_id or "") if body.doc_id else None
        if doc is None:
            raise HTTPException(404 if body.doc_id else 422, "actor_name needs the doc_id of a stored document")
        text, code = (body.text or "").strip(), (body.code or "").strip().upper()
        if not text or fold(text) not in fold(doc["text"]):
            raise HTTPException(422, f"text: {text[:60]!r} is not in document {doc['doc_id']}")
        if not ACTOR_CODE.fullmatch(code):
            raise HTTPException(422, f"code: {code[:30]!r} is not an actor code (e.g. KORGOV)")
        entry = {"name": text, "codes": [{"code": code}]}
        item = {"id": _rule_id("a-", entry), **entry, "made": f"{made}, from document {doc['doc_id']}"}
        kind = "actors"
    else:
        event = queries.get_event(con, body.event_id or "") if body.event_id else None
        if event is None:
            raise HTTPException(404 if body.event_id else 422, "this correction needs the event_id of a stored event")
        rule = _event_rule(body, event, request.app.state.ontology)
        item = {"id": _rule_id("c-", rule), **rule, **({"note": body.note.strip()} if body.note else {}),
                "made": f"{made}, on event {event['event_id']} of {event['doc_id']}"}
        kind = "corrections"
    try:
        fixes.add(item, kind)
    except DictionaryError as exc:
        raise HTTPException(409 if "already" in str(exc) else 422, str(exc)) from None
    listing = _listing(request, fixes, con)
    return {"rule": item, "kind": body.kind, **listing}


@router.delete("/corrections/{rule_id}", dependencies=WRITES, summary="Remove a rule from the corrections file")
def remove_correction(request: Request, rule_id: str = Path(max_length=80),
                      con: duckdb.DuckDBPyConnection = Depends(store)):
    fixes = _file(request)
    if not fixes.remove(rule_id):
        raise HTTPException(404, f"no rule {rule_id[:80]!r} in {fixes.path.name}")
    return _listing(request, fixes, con)


@router.post("/corrections/apply", dependencies=[*WRITES, Depends(require_json)],
             summary="Re-code the documents the changed rules can touch")
def apply_corrections(request: Request):
    """The other documents keep their events and are marked as coded by the new version."""
    state = request.app.state
    _file(request)  # a broken file is a 409 before anything is opened
    with state.reader.exclusive():
        try:
            done = state.coder.recode_store(state.settings.db_path)
        except DictionaryError as exc:
            raise HTTPException(409, f"the corrections file cannot be used: {exc}") from None
        except CommuniqueError as exc:  # e.g. an ingest holds the store
            raise StoreUnavailable(f"cannot re-code now: {exc}") from None
    return {**done, "command": _command(request)}
