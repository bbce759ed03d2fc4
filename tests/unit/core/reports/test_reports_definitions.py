"""Report definitions as data: the shipped ones load, bad ones are refused, and
each shipped definition over a generated set of files equals figures computed
here from the raw facts."""

import random
from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest

import mgops.caseflow
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.reports.definitions import DefinitionError
from mgops.caseflow.core.reports.definitions import build_report
from mgops.caseflow.core.reports.definitions import load_definition
from mgops.caseflow.core.reports.records import Employment
from mgops.caseflow.core.reports.records import FileRecord
from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.records import Records
from mgops.caseflow.core.reports.records import assignments_from
from mgops.caseflow.core.rules.ending import END_REASONS
from mgops.caseflow.core.rules.ending import SignedDecision


DEFINITIONS = Path(mgops.caseflow.__file__).parent / "reports" / "definitions"
H1 = Period(date(2026, 1, 1), date(2026, 6, 30))


def shipped(name):
    return load_definition((DEFINITIONS / f"{name}.yaml").read_text())


def test_every_shipped_definition_loads():
    ids = {load_definition(path.read_text()).id for path in DEFINITIONS.glob("*.yaml")}
    assert ids == {
        "sprawozdanie-wspieranie-rodziny",
        "sprawozdanie-rada-gminy",
        "stabilnosc-zatrudnienia",
        "rozliczenie-asystent-rodziny",
    }


BASE = """
id: test
title: Test
legal_basis: art. 1
obligation: none
periods: [any]
"""


def test_a_definition_whose_parts_do_not_add_up_is_refused_naming_the_row():
    definition = load_definition(
        BASE
        + """
rows:
  - code: "1"
    label: Rodziny z asystentem
    query: families_with_assistant
    parts: ["1.1"]
  - code: "1.1"
    label: w tym zobowiązane przez sąd
    query: families_with_assistant
    params: {court_obliged: true}
"""
    )
    records = Records(
        files=(
            FileRecord(
                "a", assignments=assignments_from([_assign("fa1", date(2026, 2, 1))])
            ),
            FileRecord(
                "b",
                court_obliged_on=date(2026, 1, 10),
                assignments=assignments_from([_assign("fa1", date(2026, 2, 1))]),
            ),
        )
    )
    with pytest.raises(DefinitionError) as refused:
        build_report(definition, records, H1)
    assert refused.value.msgid == "report_parts_do_not_add_up"
    assert refused.value.mapping["code"] == "1"
    assert "Row 1 (Rodziny z asystentem)" in refused.value.text


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ('  - {code: "1", label: x, query: no_such_query}', "unknown query"),
        (
            '  - {code: "1", label: x, query: families_ended, parts: ["9"]}',
            "unknown part",
        ),
        (
            '  - {code: "1", label: x, query: families_ended}\n'
            '  - {code: "1", label: y, query: families_ended}',
            "missing or repeated",
        ),
    ],
)
def test_a_malformed_definition_is_refused_at_loading(rows, problem):
    with pytest.raises(DefinitionError) as refused:
        load_definition(BASE + "rows:\n" + rows)
    assert problem in refused.value.text


@pytest.mark.parametrize(
    ("start", "end", "allowed"),
    [
        ("2026-01-01", "2026-06-30", True),
        ("2026-07-01", "2026-12-31", True),
        ("2026-01-01", "2026-12-31", True),
        ("2026-01-01", "2026-06-29", False),
        ("2026-02-01", "2026-07-31", False),
    ],
)
def test_the_voivodes_report_covers_half_years_and_years(start, end, allowed):
    definition = shipped("sprawozdanie-wspieranie-rodziny")
    period = Period.parse(start, end)
    if allowed:
        build_report(definition, Records(), period)
    else:
        with pytest.raises(RuleViolation) as refused:
            build_report(definition, Records(), period)
        assert refused.value.msgid == "report_period_not_half_year_or_year"


@pytest.mark.parametrize(
    ("start", "end", "msgid"),
    [
        ("2026-13-01", "2026-12-31", "report_period_bad_date"),
        ("", "2026-12-31", "report_period_bad_date"),
        ("2026-06-30", "2026-01-01", "report_period_reversed"),
        ("1990-01-01", "2026-12-31", "report_period_too_long"),
    ],
)
def test_a_bad_period_is_refused(start, end, msgid):
    with pytest.raises(RuleViolation) as refused:
        Period.parse(start, end)
    assert refused.value.msgid == msgid


def _assign(assistant, day, kind="assign_assistant"):
    return SignedDecision(kind, day, assistant=assistant)


# -- a generated set of a few hundred files with known facts -----------------

ASSISTANTS = ("fa1", "fa2", "fa3", "fa4", "fa5")
FORMS = ("task_based_contract", "employment_contract", "civil_law_contract", "other")


def generate(seed=18, count=300):
    """Raw facts per file, and the records the engine reads, made from them
    through signed decisions as the catalog adapter makes them."""
    rng = random.Random(seed)
    raw, files = [], []
    for n in range(count):
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1400))
        assigned = rng.random() < 0.85
        ended = (
            start + timedelta(days=rng.randrange(20, 900))
            if rng.random() < 0.5
            else None
        )
        changed = (
            start + timedelta(days=rng.randrange(1, 15))
            if assigned and rng.random() < 0.2
            else None
        )
        if ended and changed and changed >= ended:
            changed = None
        fact = {
            "key": f"f{n}",
            "assigned": assigned,
            "start": start,
            "end": ended if assigned else None,
            "reason": rng.choice(END_REASONS) if assigned and ended else None,
            "first": rng.choice(ASSISTANTS),
            "second": rng.choice(ASSISTANTS) if changed else None,
            "changed": changed,
            "court": start - timedelta(days=rng.randrange(1, 60))
            if rng.random() < 0.3
            else None,
            "children": rng.randrange(0, 6),
            "za_zyciem": rng.random() < 0.15,
            "kind": rng.choice(("pregnancy_document", "disability_certificate")),
            "requests": tuple(
                start + timedelta(days=rng.randrange(0, 400))
                for _ in range(rng.randrange(0, 3))
            ),
        }
        fact["sent"] = tuple(day + timedelta(days=14) for day in fact["requests"])
        raw.append(fact)
        decisions = []
        if assigned:
            decisions.append(_assign(fact["first"], start))
            if changed:
                decisions.append(_assign(fact["second"], changed, "change_assistant"))
            if ended:
                decisions.append(SignedDecision("end_work", ended, fact["reason"]))
        files.append(
            FileRecord(
                key=fact["key"],
                support_path="za_zyciem" if fact["za_zyciem"] else "standard",
                za_zyciem_kind=fact["kind"] if fact["za_zyciem"] else None,
                children=fact["children"],
                court_obliged_on=fact["court"],
                court_requests=fact["requests"],
                opinions_sent=fact["sent"],
                assignments=assignments_from(decisions),
                work_ended=fact["end"],
                end_reason=fact["reason"],
            )
        )
    employments = []
    for index, assistant in enumerate(ASSISTANTS):
        employments.append(
            Employment(
                assistant,
                FORMS[index % 4],
                1.0 if index % 2 else 0.5,
                date(2022, 1, 1) + timedelta(days=200 * index),
            )
        )
    return raw, Records(files=tuple(files), employments=tuple(employments))


def _in(period, start, end):
    return start <= period.end and (end or date.max) >= period.start


def expected_voivode(raw, period):
    """The figures of the voivode's form, computed from the raw facts."""
    worked = [f for f in raw if f["assigned"] and _in(period, f["start"], f["end"])]
    ended = [f for f in raw if f["end"] and period.start <= f["end"] <= period.end]

    def months(f):
        until = min(f["end"] or period.end, period.end)
        m = (until.year - f["start"].year) * 12 + until.month - f["start"].month
        return m - (until.day < f["start"].day)

    per = {}
    for f in raw:
        if not f["assigned"]:
            continue
        first_end = (f["changed"] - timedelta(days=1)) if f["changed"] else f["end"]
        if _in(period, f["start"], first_end):
            per.setdefault(f["first"], set()).add(f["key"])
        if f["changed"] and _in(period, f["changed"], f["end"]):
            per.setdefault(f["second"], set()).add(f["key"])
    counts = [len(v) for v in per.values()]
    return {
        "1": len(worked),
        "1.1": sum(1 for f in worked if f["court"]),
        "1.2": sum(1 for f in worked if not f["court"]),
        "2": sum(1 for f in worked if f["za_zyciem"]),
        "2.1": sum(
            1 for f in worked if f["za_zyciem"] and f["kind"] == "pregnancy_document"
        ),
        "3": sum(f["children"] for f in worked),
        "4": len(ended),
        **{
            f"4.{i}": sum(1 for f in ended if f["reason"] == reason)
            for i, reason in enumerate(
                ("plan_achieved", "no_cooperation", "moved_away", "children_placed"), 1
            )
        },
        "5": len(worked),
        "5.1": sum(1 for f in worked if months(f) < 12),
        "5.2": sum(1 for f in worked if 12 <= months(f) < 24),
        "5.3": sum(1 for f in worked if months(f) >= 24),
        "6": sum(
            1
            for f in raw
            if any(period.start <= d <= period.end for d in f["requests"])
        ),
        "6.1": sum(period.start <= d <= period.end for f in raw for d in f["sent"]),
        "9": round(sum(counts) / len(counts), 2) if counts else 0,
        "9.1": max(counts, default=0),
    }


@pytest.mark.parametrize(
    "period",
    [
        Period(date(2025, 1, 1), date(2025, 6, 30)),
        Period(date(2025, 7, 1), date(2025, 12, 31)),
        Period(date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_the_voivodes_report_over_generated_files_equals_the_raw_count(period):
    raw, records = generate()
    report = build_report(shipped("sprawozdanie-wspieranie-rodziny"), records, period)
    figures = {row.code: row.figures[0].value for row in report.rows}
    expected = expected_voivode(raw, period)
    assert {code: figures[code] for code in expected} == expected
    assert figures["7"] == 5  # every assistant employed since 2022–2024
    assert figures["7.1"] + figures["7.2"] + figures["7.3"] + figures["7.4"] == 5


def test_the_councils_report_gives_each_year_the_voivodes_yearly_figures():
    raw, records = generate()
    report = build_report(
        shipped("sprawozdanie-rada-gminy"),
        records,
        Period(date(2024, 1, 1), date(2026, 12, 31)),
    )
    assert [column.start.year for column in report.columns] == [2024, 2025, 2026]
    for index, column in enumerate(report.columns):
        expected = expected_voivode(raw, column)
        figures = {row.code: row.figures[index].value for row in report.rows}
        assert figures["1"] == expected["1"]
        assert figures["4"] == expected["4"]
        assert figures["6.1"] == expected["9.1"]


def test_each_family_is_counted_once_per_row_and_the_figure_names_its_files():
    raw, records = generate()
    report = build_report(shipped("sprawozdanie-wspieranie-rodziny"), records, H1)
    row = next(row for row in report.rows if row.code == "1")
    figure = row.figures[0]
    assert figure.value == len(figure.keys)
    assert figure.keys == {
        f["key"] for f in raw if f["assigned"] and _in(H1, f["start"], f["end"])
    }


def test_the_period_is_inclusive_of_both_ends():
    files = (
        FileRecord(
            "first-day",
            assignments=assignments_from([_assign("fa1", date(2026, 6, 30))]),
        ),
        FileRecord(
            "ended-first-day",
            assignments=assignments_from(
                [
                    _assign("fa1", date(2025, 3, 1)),
                    SignedDecision("end_work", date(2026, 1, 1), "moved_away"),
                ]
            ),
            work_ended=date(2026, 1, 1),
            end_reason="moved_away",
        ),
        FileRecord(
            "later", assignments=assignments_from([_assign("fa1", date(2026, 7, 1))])
        ),
    )
    report = build_report(
        shipped("sprawozdanie-wspieranie-rodziny"), Records(files=files), H1
    )
    figures = {row.code: row.figures[0] for row in report.rows}
    assert figures["1"].keys == {"first-day", "ended-first-day"}
    assert figures["4.3"].keys == {"ended-first-day"}


def test_stability_counts_unbroken_employment_and_free_places():
    employments = (
        # joined without a gap: 2025-01-01 … now, 18 months at 2026-06-30
        Employment(
            "fa1", "task_based_contract", 1.0, date(2025, 1, 1), date(2025, 12, 31)
        ),
        Employment("fa1", "task_based_contract", 0.5, date(2026, 1, 1)),
        # a gap of a day in between: only 5 months unbroken
        Employment(
            "fa2", "employment_contract", 1.0, date(2024, 1, 1), date(2026, 1, 30)
        ),
        Employment("fa2", "employment_contract", 1.0, date(2026, 2, 1)),
        # exactly 12 months at the period's end
        Employment("fa3", "civil_law_contract", 1.0, date(2025, 7, 1)),
    )
    files = tuple(
        FileRecord(
            f"f{n}", assignments=assignments_from([_assign("fa1", date(2026, 1, 5))])
        )
        for n in range(4)
    ) + (
        FileRecord(
            "zz",
            support_path="za_zyciem",
            application_received=date(2026, 3, 2),
            first_contact=date(2026, 3, 9),
        ),
        FileRecord(
            "zz-waiting",
            support_path="za_zyciem",
            application_received=date(2026, 6, 1),
        ),
    )
    report = build_report(
        shipped("stabilnosc-zatrudnienia"),
        Records(files=files, employments=employments, caseload_limit=15),
        H1,
    )
    figures = {row.code: row.figures[0] for row in report.rows}
    assert figures["1"].value == 3
    assert figures["1.1"].keys == {"fa1", "fa3"}
    assert figures["2"].value == 11 + 15 + 15
    assert figures["2.1"].value == round(41 / 3, 2)
    assert (figures["3"].value, figures["3.1"].value, figures["3.2"].value) == (2, 1, 1)
    assert figures["4"].value == 7
