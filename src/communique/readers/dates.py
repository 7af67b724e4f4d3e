"""The one parser for dates in inputs, ``--date`` and gold files."""
from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime

FORMS = "YYYY-MM-DD, YYYYMMDD, an ISO 8601 date-time or RFC 2822"


def parse_date(value) -> date | None:
    """``2017-07-04``, ``2017-07-04T10:00:00Z`` (anything after the first 10 characters of
    an ISO date is ignored), ``20170704`` or RFC 2822 (``Tue, 29 Aug 2017 10:00:00 +0000``).
    None or a blank string is no date; anything else raises ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if len(text) == 8 and text.isdigit():
        try:
            return datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        raise ValueError(f"unparsable date {value!r} (expected {FORMS})") from None
