"""ConfliBERT's five event classes and the CAMEO roots they hold.

The annotators' own labels ("0-2 Appeal", "1-3 Express Intent to Coop", "3-16 Reduce
Relations", "4-14 Protest" in the CAMEO_ConfliBERT annotation rounds) give the mapping:
class 0 holds roots 01-02 (and sentences without an event), 1 roots 03-05, 2 roots 06-08,
3 roots 09-13 and 16, 4 roots 14, 15 and 17-20.
"""
from __future__ import annotations

CLASS_NAMES = ("statement/none", "verbal coop", "material coop", "verbal conflict", "material conflict")
CLASS_OF_ROOT: dict[str, int] = {
    "01": 0, "02": 0,
    "03": 1, "04": 1, "05": 1,
    "06": 2, "07": 2, "08": 2,
    "09": 3, "10": 3, "11": 3, "12": 3, "13": 3, "16": 3,
    "14": 4, "15": 4, "17": 4, "18": 4, "19": 4, "20": 4,
}
ROOTS = tuple(sorted(CLASS_OF_ROOT))


def root_code(root: str) -> str:
    """The root-level CAMEO code of a root: "07" -> "070"."""
    return f"{root}0"
