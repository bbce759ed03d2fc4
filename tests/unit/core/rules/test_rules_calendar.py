"""The Polish working-day calendar at its hard dates."""

from datetime import date

import pytest

from mgops.caseflow.core.rules import calendar as calendar_module
from mgops.caseflow.core.rules.calendar import add_months
from mgops.caseflow.core.rules.calendar import add_working_days
from mgops.caseflow.core.rules.calendar import day_counted_deadline
from mgops.caseflow.core.rules.calendar import is_working_day
from mgops.caseflow.core.rules.calendar import next_working_day
from mgops.caseflow.core.rules.calendar import public_holidays
from mgops.caseflow.core.rules.calendar import working_day_on_or_after
from mgops.caseflow.core.rules.calendar import working_days_between


def test_public_holidays_2026_are_those_of_the_act_of_18_january_1951():
    # Act of 18 January 1951 on public holidays, art. 1, as amended in 2024.
    assert public_holidays(2026) == {
        date(2026, 1, 1),  # New Year
        date(2026, 1, 6),  # Epiphany
        date(2026, 4, 5),  # Easter Sunday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),  # Labour Day
        date(2026, 5, 3),  # Constitution Day
        date(2026, 5, 24),  # Pentecost
        date(2026, 6, 4),  # Corpus Christi
        date(2026, 8, 15),  # Assumption
        date(2026, 11, 1),  # All Saints
        date(2026, 11, 11),  # Independence Day
        date(2026, 12, 24),  # Christmas Eve, from 2025
        date(2026, 12, 25),  # Christmas
        date(2026, 12, 26),  # Second day of Christmas
    }


def test_christmas_eve_is_a_holiday_from_2025_not_before():
    assert is_working_day(date(2024, 12, 24))  # a Tuesday, still a working day
    assert not is_working_day(date(2025, 12, 24))  # a Wednesday
    assert not is_working_day(date(2026, 12, 24))  # a Thursday


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 4, 3), True),  # Good Friday is a working day in Poland
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 7), True),
        (date(2026, 6, 4), False),  # Corpus Christi, a Thursday
        (date(2026, 6, 5), True),
        (date(2026, 5, 1), False),  # Labour Day, a Friday
        (date(2026, 5, 3), False),  # Constitution Day, a Sunday
        (date(2026, 5, 4), True),  # no substitute Monday for a Sunday holiday
        (date(2026, 11, 11), False),  # Independence Day, a Wednesday
        (date(2026, 11, 12), True),
        (date(2026, 3, 7), False),  # an ordinary Saturday
        (date(2026, 3, 8), False),  # an ordinary Sunday
        (date(2026, 3, 9), True),  # an ordinary Monday
    ],
)
def test_working_day_excludes_weekends_and_statutory_holidays(day, working):
    assert is_working_day(day) is working


def test_handover_on_23_december_2026_next_working_day_is_28_december():
    # 24 Dec Christmas Eve, 25-26 Christmas, 27 Sunday.
    assert next_working_day(date(2026, 12, 23)) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)


def test_seven_working_days_from_23_december_2026_skip_new_year_and_epiphany():
    # 28, 29, 30, 31 Dec; 1 Jan holiday; 2-3 Jan weekend; 4, 5 Jan; 6 Jan
    # Epiphany; 7 Jan is the seventh.
    assert add_working_days(date(2026, 12, 23), 7) == date(2027, 1, 7)


def test_working_days_after_easter_monday_2026():
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 7)


def test_working_days_after_corpus_christi_2026():
    assert add_working_days(date(2026, 6, 3), 1) == date(2026, 6, 5)
    assert add_working_days(date(2026, 6, 3), 2) == date(2026, 6, 8)


def test_working_days_around_3_may_2026_on_a_sunday():
    assert add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 4)


def test_working_days_over_11_november_2026():
    assert add_working_days(date(2026, 11, 10), 1) == date(2026, 11, 12)


def test_add_working_days_counts_from_the_day_after_start():
    # Art. 57 § 1 of the Code of Administrative Procedure: the start day is not
    # counted, so one working day after a Monday is Tuesday.
    assert add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 10)
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Fri->Mon
    assert add_working_days(date(2026, 3, 14), 1) == date(2026, 3, 16)  # Sat->Mon


def test_add_zero_working_days_is_the_start_itself():
    assert add_working_days(date(2026, 3, 14), 0) == date(2026, 3, 14)


def test_add_negative_working_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 3, 9), -1)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 7)) == 7
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 27)) == 0
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert working_days_between(date(2027, 1, 7), date(2026, 12, 23)) == -7


def test_working_days_in_2026_are_253():
    # 261 weekdays minus the 8 holidays that fall on weekdays (1.1, 6.1, 6.4, 1.5,
    # 4.6, 11.11, 24.12, 25.12); 5.4, 3.5, 24.5, 15.8, 1.11, 26.12 are weekends.
    weekday_holidays = [d for d in public_holidays(2026) if d.weekday() < 5]
    assert len(weekday_holidays) == 8
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 261 - 8


def test_working_day_on_or_after_keeps_a_working_day():
    assert working_day_on_or_after(date(2026, 3, 9)) == date(2026, 3, 9)
    assert working_day_on_or_after(date(2026, 12, 24)) == date(2026, 12, 28)


def test_day_counted_deadline_on_christmas_eve_moves_to_next_working_day():
    # Code of Administrative Procedure, art. 57 § 4: 14 days from 10 Dec 2026
    # end on 24 Dec, a holiday, followed by Christmas and a weekend.
    assert day_counted_deadline(date(2026, 12, 10), 14) == date(2026, 12, 28)


def test_day_counted_deadline_on_a_sunday_holiday_moves_to_monday():
    # 14 days from 19 April 2026 end on 3 May, a Sunday and a holiday.
    assert day_counted_deadline(date(2026, 4, 19), 14) == date(2026, 5, 4)


def test_day_counted_deadline_on_a_saturday_moves_to_monday():
    assert day_counted_deadline(date(2026, 3, 7), 7) == date(2026, 3, 16)


def test_day_counted_deadline_on_a_working_day_stays():
    assert day_counted_deadline(date(2026, 3, 2), 7) == date(2026, 3, 9)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 3, date(2026, 4, 30)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year end
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 3, 31), 0, date(2026, 3, 31)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    # Code of Administrative Procedure, art. 57 § 3.
    assert add_months(day, months) == expected


@pytest.fixture
def holidays_without_christmas_eve(monkeypatch):
    """An older ``holidays`` release that does not know Christmas Eve yet."""

    def old_poland(years):
        return {date(years, 12, 25): "Christmas Day", date(years, 12, 26): "Boxing"}

    monkeypatch.setattr(calendar_module.holidays, "Poland", old_poland)
    public_holidays.cache_clear()
    yield
    public_holidays.cache_clear()


@pytest.mark.usefixtures("holidays_without_christmas_eve")
def test_christmas_eve_from_2025_even_with_an_older_holidays_release():
    # Act of 18 January 1951 on public holidays, as amended in 2024.
    assert date(2025, 12, 24) in public_holidays(2025)
    assert date(2024, 12, 24) not in public_holidays(2024)
    assert not is_working_day(date(2026, 12, 24))
