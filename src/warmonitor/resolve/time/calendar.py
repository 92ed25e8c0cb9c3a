"""Calendar arithmetic for TIMEX3 values: parsing reference dates, shifting by units, ISO weeks,
and the span of days a value covers (used to decide what is background)."""
from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

from warmonitor.errors import UsageError

_REF = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_VALUE = re.compile(
    r"^(?P<y>\d{4}|\d{3}X|\d{2}XX|\d{2})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{1,2})(?:-(?P<wd>\d|WE))?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?P<t>T.*)?$"
)


def parse_ref(ref: str | date | None) -> date | None:
    """``2024-12-06`` (or ``2024-12-06T10:34``, or a ``date``) -> ``date``; None stays None."""
    if ref is None or ref == "":
        return None
    if isinstance(ref, date):
        return ref
    m = _REF.match(str(ref))
    if not m:
        from warmonitor.resolve.time.tagger import tag  # a written date: "Dec. 6, 2024"

        found = [t.value for t in tag(str(ref), None) if _REF.match(t.value)]
        if not found:
            raise UsageError(f"reference date {ref!r} is not YYYY-MM-DD")
        m = _REF.match(found[0])
        assert m is not None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as err:
        raise UsageError(f"reference date {ref!r} is not a calendar date: {err}") from err


def safe_date(year: int, month: int, day: int) -> date | None:
    """A ``date``, or None when the triple is not a calendar day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months (day clipped to the month's length)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, _cal.monthrange(year, month + 1)[1]))


def week_value(d: date) -> str:
    """The ISO week of ``d`` as a TimeML value, ``2000-W7`` (TimeBank writes the week unpadded)."""
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]}"


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (D, W, WE, M, Q, Y, DE, CE; clock units count as days)."""
    if unit in ("D", "H", "MIN", "S"):
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit, 1)
    return add_months(d, n * months)


def granular(d: date, unit: str) -> str:
    """The value of ``d`` at the granularity a unit implies (days -> day, weeks -> ISO week...)."""
    if unit in ("D", "H", "MIN", "S"):
        return d.isoformat()
    if unit in ("W", "WE"):
        return week_value(d)
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    return f"{d.year:04d}"


def value_range(value: str) -> tuple[date, date] | None:
    """First and last day covered by a DATE/TIME value (``2023``, ``2023-10``, ``199X``, ``2000-W7``...)."""
    m = _VALUE.match(value or "")
    if not m:
        return None
    y = m.group("y")
    try:
        if y.endswith("XX"):
            start = int(y[:2]) * 100
            return date(max(start, 1), 1, 1), date(start + 99, 12, 31)
        if y.endswith("X"):
            start = int(y[:3]) * 10
            return date(max(start, 1), 1, 1), date(start + 9, 12, 31)
        if len(y) == 2:
            start = int(y) * 100
            return date(max(start, 1), 1, 1), date(start + 99, 12, 31)
        year = int(y)
        if m.group("d"):
            d = date(year, int(m.group("m")), int(m.group("d")))
            return d, d
        if m.group("m"):
            month = int(m.group("m"))
            return date(year, month, 1), date(year, month, _cal.monthrange(year, month)[1])
        if m.group("w"):
            monday = date.fromisocalendar(year, int(m.group("w")), 1)
            return monday, monday + timedelta(days=6)
        if m.group("q"):
            q = int(m.group("q"))
            first = date(year, 3 * q - 2, 1)
            return first, add_months(first, 3) - timedelta(days=1)
        if m.group("h"):
            first = date(year, 6 * int(m.group("h")) - 5, 1)
            return first, add_months(first, 6) - timedelta(days=1)
        if m.group("s"):
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group("s")]
            first = date(year, start_month, 1)
            return first, add_months(first, 3) - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def precision_of(value: str, type_: str) -> str:
    """``day | week | month | year | decade | time | none`` for a TIMEX3 value."""
    if type_ in ("DURATION", "SET"):
        return "none"
    m = _VALUE.match(value or "")
    if not m:
        return "none"
    if m.group("t") and m.group("d"):
        return "time"
    if m.group("d"):
        return "day"
    if m.group("w"):
        return "week"
    if m.group("m") or m.group("q") or m.group("s") or m.group("h"):
        return "month"
    y = m.group("y")
    if y.endswith("XX") or len(y) == 2:
        return "none"
    if y.endswith("X"):
        return "decade"
    return "year"
