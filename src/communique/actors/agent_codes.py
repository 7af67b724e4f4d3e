"""Combine an actor's code with the codes of the agents named with it.

"MSF Arnor diplomat" -> NGO (a prefix agent) + ARN + GOV; "Danish Islamist media"
-> DNK + MUS + MED. An agent code already in the actor's code is not repeated
("White House [USAGOV] officials [GOV]" stays USAGOV, "Quibbler [HGWGOVMED]
government newspaper [GOVMED]" stays HGWGOVMED). "former" before the agents makes
them elites (CAMEO's ELI: former officials): "former Gondor prosecutors" -> GONELI.
"""
from __future__ import annotations

from communique.dictionaries.actors import Entry

FORMER = {"former", "ex"}  # modifiers that turn agents into ELI
# CAMEO's primary role codes: an actor has one of them
PRIMARY = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "REB", "INS", "SEP", "UAF", "PTY"}
ELITE = Entry("agent", "ELI", "former", sector="ELI")


def _blocks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def _redundant(code: str, sector: str) -> bool:
    """Is the agent's code already part of the actor's code (3-letter blocks)?"""
    blocks, have = _blocks(sector), _blocks(code)
    if len(blocks) == 1:
        return blocks[0] in have
    return any(have[i:i + len(blocks)] == blocks for i in range(len(have)))


def compose(code: str, agents: list[Entry], former: bool = False) -> str:
    """``code`` with the agents' codes: prefix agents before it, the others after it,
    in text order; with ``former`` the suffix agents become one ELI."""
    if not code or "/" in code:
        return code
    prefixes = [a for a in agents if a.prefix and a.sector]
    suffixes = [a for a in agents if not a.prefix and a.sector]
    if former and suffixes:
        suffixes = [ELITE]
    # of two primary roles in one title ("Deputy [LEG] Foreign Minister [GOV]") the head's wins
    suffixes = [a for i, a in enumerate(suffixes) if not (
        a.sector[:3] in PRIMARY and any(b.sector[:3] in PRIMARY for b in suffixes[i + 1:]))]
    out = code
    for a in suffixes:
        if not _redundant(out, a.sector):
            out += a.sector
    for a in reversed(prefixes):
        if not _redundant(out, a.sector):
            out = a.sector + out
    return out


def party_code(code: str, agents: list[Entry], former: bool = False) -> str:
    """A party's code with the agents named with it: its members of parliament are their
    country's legislators ("Labour MP" -> GBRLEG), "former" ones elites; any other member,
    leader or spokesman has the party's own code (GBRGOV in power, GBROPP out of it)."""
    if not code or len(code) < 3:
        return code
    if former:
        return code[:3] + "ELI"
    if any(a.sector and not a.prefix and a.sector[:3] == "LEG" for a in agents):
        return code[:3] + "LEG"
    return code


def agent_code(agents: list[Entry], former: bool = False) -> str:
    """The code of agents named without an actor ("security officials" -> GOV)."""
    if former and any(not a.prefix for a in agents):
        agents = [a for a in agents if a.prefix] + [ELITE]
    return compose(agents[0].sector, agents[1:]) if agents else ""
