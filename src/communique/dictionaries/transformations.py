"""PETRARCH-2 verb transformations: an event inside the complement of another verb.

    a (a b ATTACK) SAY = a b 015     a says that a attacked b: a threatens b with force
    a (b . ATTACK) SAY = a b 112     a says that b attacked someone: a accuses b
    a (_ b ATTACK) WANT = a b 138    a wants (someone) to attack b
    a (a b Q) SAY = a b Q            Q: any event, kept as it is

Left of `=`: the governing verb's source, then in parentheses the embedded event (source,
target, verb) and the governing verb. Letters name actors (`a` is always the governing
verb's source), `_` no actor, `.` any actor. A verb word stands for the codes of its verb
block: the governing verb matches when it belongs to that block (or shares its code), the
embedded event when its code begins with the block's code (without trailing zeros).
Right of `=`: the source, the target and the code of the one event that replaces both.
"""
from __future__ import annotations

from dataclasses import dataclass

from communique.errors import DictionaryError


@dataclass(frozen=True)
class Transformation:
    lower_source: str  # "a", "_" or another letter
    lower_target: str  # a letter or "."
    lower_verb: str  # a verb word, or "Q" for any event
    upper_verb: str
    source: str
    target: str
    code: str  # a CAMEO code, or "Q": the embedded event's
    text: str


def parse_transformation(text: str, where: str) -> Transformation:
    lhs, eq, rhs = str(text).lstrip("~").partition("=")
    left = lhs.replace("(", " ").replace(")", " ").split()
    right = rhs.split()
    if not eq or len(left) != 5 or len(right) != 3 or left[0] != "a":
        raise DictionaryError(f"{where}: transformation {text!r}: expected "
                              "'a (X Y VERB) VERB = X Y CODE'")
    _, src, tgt, lower, upper = left
    return Transformation(src, tgt, lower.lower(), upper.lower(), right[0], right[1],
                          right[2], str(text).strip())

