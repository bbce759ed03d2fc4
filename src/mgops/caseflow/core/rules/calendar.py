"""The Polish working-day calendar that every deadline of the case process counts in.

Saturdays, Sundays and the statutory public holidays (Act of 18 January 1951 on
public holidays) are not working days. The holidays come from the ``holidays``
package; Christmas Eve is a holiday from 2025 (the Act as amended in 2024), and is
added here too in case an older ``holidays`` release lacks it.
"""

import calendar
import functools
from datetime import date
from datetime import timedelta

import holidays


SATURDAY = 5
CHRISTMAS_EVE_FROM_YEAR = 2025


@functools.lru_cache(maxsize=256)
def public_holidays(year: int) -> frozenset[date]:
    """The statutory public holidays of one year (cached, immutable, thread-safe)."""
    days = set(holidays.Poland(years=year))
    if year >= CHRISTMAS_EVE_FROM_YEAR:
        # Act of 18 January 1951 on public holidays, art. 1, as amended in 2024:
        # 24 December is a public holiday from 2025 on. Recent ``holidays``
        # releases already list it; adding it again is harmless.
        days.add(date(year, 12, 24))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a statutory public holiday."""
    return day.weekday() < SATURDAY and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day strictly after ``day``."""
    return working_day_on_or_after(day + timedelta(days=1))


def working_day_on_or_after(day: date) -> date:
    """``day`` itself when it is a working day, else the next working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start``; the day after ``start`` is day 1.

    The day of the event is not counted (Code of Administrative Procedure,
    art. 57 § 1), so ``n`` working days after a Friday begin on Monday. ``n=0``
    returns ``start`` unchanged.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    for _ in range(n):
        day = next_working_day(day)
    return day


def working_days_between(a: date, b: date) -> int:
    """How many working days lie after ``a`` up to and including ``b``.

    The inverse of :func:`add_working_days`: for ``n >= 0``,
    ``working_days_between(a, add_working_days(a, n)) == n``. Negative when ``b``
    is before ``a``.
    """
    if b < a:
        return -working_days_between(b, a)
    weekdays = _weekdays_up_to(b) - _weekdays_up_to(a)
    holidays_on_weekdays = sum(
        1
        for year in range(a.year, b.year + 1)
        for holiday in public_holidays(year)
        if a < holiday <= b and holiday.weekday() < SATURDAY
    )
    return weekdays - holidays_on_weekdays


def _weekdays_up_to(day: date) -> int:
    """Monday-to-Friday days from the proleptic epoch up to ``day`` inclusive."""
    ordinal = day.toordinal()  # ordinal 1 (0001-01-01) is a Monday
    full_weeks, rest = divmod(ordinal, 7)
    return full_weeks * 5 + min(rest, 5)


def day_counted_deadline(start: date, days: int) -> date:
    """The end of a deadline of ``days`` calendar days counted from ``start``.

    The day of the event is not counted (Code of Administrative Procedure, art. 57
    § 1); a deadline ending on a Saturday, Sunday or public holiday ends on the next
    working day (art. 57 § 4).
    """
    return working_day_on_or_after(start + timedelta(days=days))


def add_months(day: date, n: int) -> date:
    """The same day number ``n`` months later (or earlier), clamped to month end.

    31 January plus one month is the last day of February, as a month-counted
    deadline ends under the Code of Administrative Procedure, art. 57 § 3.
    """
    month_index = day.year * 12 + (day.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))
