"""Properties of the working-day calendar, checked on many generated dates."""

from datetime import date
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from mgops.caseflow.core.rules.calendar import add_months
from mgops.caseflow.core.rules.calendar import add_working_days
from mgops.caseflow.core.rules.calendar import day_counted_deadline
from mgops.caseflow.core.rules.calendar import is_working_day
from mgops.caseflow.core.rules.calendar import working_days_between


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
counts = st.integers(min_value=1, max_value=300)


@given(days, counts)
def test_add_working_days_always_lands_on_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n))


@given(days, counts, counts)
def test_add_working_days_is_strictly_monotonic_in_n(start, n, m):
    if n < m:
        assert add_working_days(start, n) < add_working_days(start, m)


@given(days, days, counts)
def test_add_working_days_is_monotonic_in_start(a, b, n):
    if a <= b:
        assert add_working_days(a, n) <= add_working_days(b, n)


@given(days, st.integers(min_value=0, max_value=300))
def test_working_days_between_inverts_add_working_days(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(days, counts)
def test_add_working_days_skips_only_non_working_days(start, n):
    end = add_working_days(start, n)
    walked = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(map(is_working_day, walked)) == n


@given(days, st.integers(min_value=0, max_value=800))
def test_working_days_between_matches_a_day_by_day_count(start, length):
    end = start + timedelta(days=length)
    walked = [start + timedelta(days=i) for i in range(1, length + 1)]
    assert working_days_between(start, end) == sum(map(is_working_day, walked))
    assert working_days_between(end, start) == -working_days_between(start, end)


@given(days, st.integers(min_value=1, max_value=60))
def test_day_counted_deadline_is_the_first_working_day_from_the_plain_end(
    start, length
):
    # Code of Administrative Procedure, art. 57 § 4.
    plain_end = start + timedelta(days=length)
    deadline = day_counted_deadline(start, length)
    assert is_working_day(deadline)
    assert deadline >= plain_end
    between = [
        plain_end + timedelta(days=i) for i in range((deadline - plain_end).days)
    ]
    assert not any(map(is_working_day, between))


@given(days, st.integers(min_value=-120, max_value=120))
def test_add_months_keeps_the_day_or_clamps_to_month_end(day, n):
    result = add_months(day, n)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    month_end = (result.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
        days=1
    )
    assert result.day == min(day.day, month_end.day)
