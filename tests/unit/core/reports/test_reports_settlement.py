"""The "Asystent rodziny" programme's settlement over a constructed half-year
equals a table computed by hand: a part-time assistant, a month below the
threshold, a month of sick leave, a change of FTE in mid-month."""

from datetime import date

import pytest

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.reports.records import Employment
from mgops.caseflow.core.reports.records import MonthHours
from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.records import Records
from mgops.caseflow.core.reports.settlement import Edition
from mgops.caseflow.core.reports.settlement import parse_edition
from mgops.caseflow.core.reports.settlement import settle


EDITION = Edition(2026, amount_per_fte=1000.0, hours_threshold=160.0, cost_share=0.8)
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))

RECORDS = Records(
    employments=(
        Employment(
            "fa1", "task_based_contract", 1.0, date(2025, 9, 1), date(2026, 4, 15)
        ),
        Employment("fa1", "task_based_contract", 0.5, date(2026, 4, 16)),
        # part-time, left at the end of February
        Employment(
            "fa2", "employment_contract", 0.5, date(2026, 1, 1), date(2026, 2, 28)
        ),
    ),
    hours=(
        MonthHours("fa1", 2026, 1, 168, approved=True),
        MonthHours("fa1", 2026, 2, 150, approved=True),  # below the threshold
        MonthHours("fa1", 2026, 3, 0, sick_days=31, approved=True),  # sick all month
        MonthHours("fa1", 2026, 4, 125, approved=True),  # 15 days at 1.0, 15 at 0.5
        MonthHours("fa1", 2026, 5, 60, sick_days=10, approved=True),
        MonthHours("fa1", 2026, 6, 80, approved=False),  # not approved yet
        MonthHours("fa2", 2026, 1, 80, approved=True),
    ),
    visit_hours={("fa1", 2026, 1): 95.5},
    names={"fa1": "Anna Asystentka", "fa2": "Beata Asystentka"},
)

#: (assistant, month, FTE, required hours, status, qualifies, grant, own share, total)
BY_HAND = [
    ("fa1", 1, 1.0, 160.0, "approved", True, 1000.0, 250.0, 1250.0),
    ("fa1", 2, 1.0, 160.0, "approved", False, 0.0, 0.0, 0.0),
    ("fa1", 3, 1.0, 0.0, "approved", False, 0.0, 0.0, 0.0),
    ("fa1", 4, 0.75, 120.0, "approved", True, 750.0, 187.5, 937.5),
    # 160 × 0.5 × 21/31 = 54.19 hours; 1000 × 0.5 × 21/31 = 338.71 zł
    ("fa1", 5, 0.5, 54.19, "approved", True, 338.71, 84.68, 423.39),
    ("fa1", 6, 0.5, 80.0, "pending", False, 0.0, 0.0, 0.0),
    ("fa2", 1, 0.5, 80.0, "approved", True, 500.0, 125.0, 625.0),
    ("fa2", 2, 0.5, 80.0, "missing", False, 0.0, 0.0, 0.0),
]


def test_the_settlement_equals_the_table_computed_by_hand():
    lines = settle(RECORDS, PERIOD, [EDITION])
    got = [
        (
            line.assistant,
            line.month,
            line.fte,
            line.required_hours,
            line.status,
            line.qualifies,
            line.grant,
            line.own_share,
            line.total_cost,
        )
        for line in lines
    ]
    assert sorted(got) == sorted(BY_HAND)
    assert round(sum(line.grant for line in lines), 2) == 2588.71
    assert lines[0].visit_hours == 95.5  # the notes' times, beside the entered hours


def test_a_year_without_programme_parameters_is_refused():
    with pytest.raises(RuleViolation) as refused:
        settle(RECORDS, Period(date(2025, 12, 1), date(2026, 1, 31)), [EDITION])
    assert refused.value.msgid == "programme_edition_missing"
    assert refused.value.mapping["year"] == 2025


@pytest.mark.parametrize(
    "values", [(1000, 160, 0), (1000, 160, 1.5), (1000, 0, 0.8), (-1, 160, 0.8)]
)
def test_parameters_out_of_range_are_refused(values):
    amount, threshold, share = values
    with pytest.raises(RuleViolation):
        Edition(2026, amount, threshold, share)


def test_an_edition_is_read_as_the_settings_write_it():
    assert parse_edition("2026; 1200; 120; 0,8") == Edition(2026, 1200.0, 120.0, 0.8)
    with pytest.raises(RuleViolation) as refused:
        parse_edition("2026; 1200")
    assert refused.value.msgid == "programme_edition_unreadable"
    with pytest.raises(RuleViolation) as refused:
        parse_edition("2026; 1200; 120; 2")
    assert refused.value.msgid == "programme_edition_invalid"
