"""Reader for TABARI/PETRARCH agent dictionaries (``*.agents.txt``).

Format, as found in the PETRARCH-1/-2, Phoenix and UD-PETRARCH files:

* ``!NAME! = A, B, C`` defines a substitution set. A phrase containing ``!NAME!``
  (anywhere, even inside a word: ``CONGRESS!PERSON!`` gives CONGRESSMAN,
  CONGRESSMEN, ...) expands into one phrase per member; several different sets
  in one phrase expand to every combination; a set used twice in one phrase
  takes the same member in both places. Sets may be defined after use.
  (Phoenix.agents.txt has ``AD!MINIST!RATIVE``, a search-and-replace accident;
  it is expanded literally.)
* An agent line is ``NOUN_PHRASE {PLURAL_1, PLURAL_2} [~CODE]``:
  ``{...}`` lists the plural forms (commas or spaces separate them); ``{}`` means
  "no plural"; no braces means the coder generates the regular plural
  (``plurals`` is then None).
* ``[~CODE]`` appends the agent code after the actor's code (position
  "suffix", e.g. Phoenix MINISTER -> ``[~GOV]``); ``[CODE~]`` puts it before
  (position "prefix", e.g. ``[NGO~]``). Spaces inside the bracket are ignored.
* Phrases follow the actor conventions: ``_`` or spaces join words, a trailing
  ``_`` marks an exact last word (see Phrase).

Errors (no code, a code without ``~``, unbalanced brackets or braces, an
unknown or redefined ``!NAME!``) raise DictionaryError("PATH:LINE: ...");
with ``problems=[]`` they are collected and the line is skipped.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ._common import Phrase, Reporter, content_lines, make_phrase, read_text

_SUBST_DEF = re.compile(r"^!([^!\s]+)!\s*=\s*(.*)$")
_SUBST_USE = re.compile(r"!([^!\s]+)!")
_AGENT = re.compile(r"^(?P<phrase>[^\[\]{}]+?)\s*(?:\{(?P<plurals>[^\[\]{}]*)\})?\s*"
                    r"\[(?P<code>[^\[\]{}]*)\]$")
_AGENT_CODE = re.compile(r"^(~)?([A-Za-z0-9]+)(~)?$")


@dataclass(frozen=True)
class AgentRecord:
    """An agent: its phrases (after substitution), plurals, code and its position."""

    phrases: tuple[Phrase, ...]
    plurals: tuple[Phrase, ...] | None
    code: str
    position: str  # "suffix" for [~CODE], "prefix" for [CODE~]
    line: int
    path: str


@dataclass(frozen=True)
class AgentDictionary:
    substitutions: dict[str, tuple[str, ...]]
    agents: tuple[AgentRecord, ...]


def _substitutions(lines, rep: Reporter) -> dict[str, tuple[str, ...]]:
    subs: dict[str, tuple[str, ...]] = {}
    for number, line in lines:
        m = _SUBST_DEF.match(line.strip())
        if m is None:
            continue
        members = tuple(x.strip() for x in m.group(2).split(",") if x.strip())
        if m.group(1) in subs:
            rep.fail(number, f"substitution !{m.group(1)}! is defined twice")
        elif not members:
            rep.fail(number, f"substitution !{m.group(1)}! has no members")
        else:
            subs[m.group(1)] = members
    return subs


def expand(text: str, subs: dict[str, tuple[str, ...]]) -> list[str]:
    """Every expansion of the ``!NAME!`` markers in text; KeyError if unknown."""
    names = list(dict.fromkeys(_SUBST_USE.findall(text)))
    out = []
    for choice in itertools.product(*(subs[n] for n in names)):
        value = dict(zip(names, choice))
        out.append(_SUBST_USE.sub(lambda m, value=value: value[m.group(1)], text))
    return out


def _phrases(text: str, number: int, subs, rep: Reporter) -> list[Phrase] | None:
    try:
        texts = expand(text, subs)
    except KeyError as exc:
        rep.fail(number, f"unknown substitution !{exc.args[0]}!")
        return None
    phrases = [make_phrase(t, number) for t in texts]
    if any(p is None for p in phrases):
        rep.fail(number, f"empty phrase in {text!r}")
        return None
    return phrases


def _agent(number: int, line: str, subs, rep: Reporter, path: str) -> AgentRecord | None:
    m = _AGENT.match(line.strip())
    if m is None:
        rep.fail(number, f"malformed agent entry {line.strip()!r} "
                         "(expected PHRASE {PLURALS} [~CODE])")
        return None
    code = _AGENT_CODE.match(m.group("code").replace(" ", ""))
    if code is None or bool(code.group(1)) == bool(code.group(3)):
        rep.fail(number, f"bad agent code [{m.group('code')}] (expected [~CODE] or [CODE~])")
        return None
    phrases = _phrases(m.group("phrase"), number, subs, rep)
    if phrases is None:
        return None
    plurals = None
    if m.group("plurals") is not None:
        plurals = []
        for item in re.split(r"[,\s]+", m.group("plurals").strip()):
            found = _phrases(item, number, subs, rep) if item else []
            if found is None:
                return None
            plurals.extend(found)
    position = "suffix" if code.group(1) else "prefix"
    return AgentRecord(tuple(phrases), None if plurals is None else tuple(plurals),
                       code.group(2), position, number, path)


def read_agents(path, *, problems: list[str] | None = None) -> AgentDictionary:
    """Read an agent dictionary: substitution sets and agents in file order."""
    rep = Reporter(path, problems)
    lines = content_lines(read_text(path))
    subs = _substitutions(lines, rep)
    agents = []
    for number, line in lines:
        if _SUBST_DEF.match(line.strip()):
            continue
        agent = _agent(number, line, subs, rep, str(path))
        if agent is not None:
            agents.append(agent)
    return AgentDictionary(subs, tuple(agents))
