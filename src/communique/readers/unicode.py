"""Strings that can always be written: lone surrogates in text and in file names.

JSON may spell a lone surrogate (``"\\ud800"``), and a file name that is not UTF-8 comes from
the operating system with its bytes as surrogates (``\\udcff``). Neither can be encoded as
UTF-8, so neither may reach the output, the store or the quarantine file unchanged.
"""
from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def replace_surrogates(text: str) -> str:
    """Each lone surrogate becomes U+FFFD: one character for one, so offsets are unchanged."""
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def escape_surrogates(text: str) -> str:
    """Undecodable bytes as ``\\xff`` and lone surrogates as ``\\ud800`` (file names, raw records)."""
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text
