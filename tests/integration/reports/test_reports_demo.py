"""The shipped reports over the demo data equal figures counted here from the
raw objects (decisions, members, staff records), not from the catalog."""

from datetime import date

import pytest
from plone import api

from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.records import add_months
from mgops.caseflow.core.reports.settlement import parse_edition
from mgops.caseflow.demo.loader import load_demo
from mgops.caseflow.reports.reports import report_data


@pytest.fixture
def demo(portal):
    load_demo(portal)
    return portal


def raw_files(portal):
    """Per file: (uid, work start, work end, end reason, children, court, path)."""
    result = []
    for family_file in portal["akta"].objectValues():
        signed = [
            d
            for d in family_file.objectValues()
            if d.portal_type == "Decision" and api.content.get_state(d) == "signed"
        ]
        starts = [
            max(d.register_date, d.handover_date or d.register_date)
            for d in signed
            if d.kind == "assign_assistant"
        ]
        ends = [d for d in signed if d.kind == "end_work"]
        result.append(
            {
                "uid": family_file.UID(),
                "start": min(starts) if starts else None,
                "end": ends[-1].register_date if ends else None,
                "reason": ends[-1].end_reason if ends else None,
                "children": sum(
                    m["role"] == "child" for m in family_file.members or ()
                ),
                "court": bool(family_file.court_obliged),
                "za_zyciem": family_file.support_path == "za_zyciem",
            }
        )
    return result


def half_year_of(day: date) -> Period:
    if day.month <= 6:
        return Period(date(day.year, 1, 1), date(day.year, 6, 30))
    return Period(date(day.year, 7, 1), date(day.year, 12, 31))


def test_the_voivodes_report_over_the_demo(demo):
    period = half_year_of(date.today())
    raw = raw_files(demo)
    worked = [
        f
        for f in raw
        if f["start"]
        and f["start"] <= period.end
        and (f["end"] or date.max) >= period.start
    ]
    ended = [f for f in raw if f["end"] and period.start <= f["end"] <= period.end]
    with api.env.adopt_user(username="mwisniewska"):
        data = report_data(
            "sprawozdanie-wspieranie-rodziny",
            period.start.isoformat(),
            period.end.isoformat(),
        )
    got = {row["code"]: row["values"][0]["value"] for row in data["rows"]}
    assert got["1"] == len(worked) > 0
    assert got["1.1"] == sum(f["court"] for f in worked) == 1
    assert got["2"] == sum(f["za_zyciem"] for f in worked)
    assert got["3"] == sum(f["children"] for f in worked)
    assert got["4"] == len(ended)
    assert got["4.1"] == sum(f["reason"] == "plan_achieved" for f in ended)
    employments = [
        e for e in demo["kadry"].objectValues() if e.portal_type == "Employment"
    ]
    assert got["7"] == len(employments) == 2
    assert got["7.1"] == sum(
        e.employment_form == "task_based_contract" for e in employments
    )
    assert got["8"] == sum(e.fte for e in employments)


def test_the_settlement_over_the_demo(demo):
    today = date.today()
    first = add_months(today.replace(day=1), -6)
    last = today.replace(day=1) - (date(2000, 1, 2) - date(2000, 1, 1))
    with api.env.adopt_user(username="mwisniewska"):
        data = report_data(
            "rozliczenie-asystent-rodziny", first.isoformat(), last.isoformat()
        )
    entries = {
        (h.assistant, h.year, h.month): h
        for h in demo["kadry"].objectValues()
        if h.portal_type == "MonthlyHours"
    }
    edition = parse_edition(
        api.portal.get_registry_record("mgops.caseflow.programme_editions")[0]
    )
    assert len(data["lines"]) == 12
    for line in data["lines"]:
        entry = entries[(line["assistant"], line["year"], line["month"])]
        approved = api.content.get_state(entry) == "approved"
        days = (
            add_months(date(line["year"], line["month"], 1), 1)
            - date(line["year"], line["month"], 1)
        ).days
        available = (days - entry.sick_leave_days) / days
        required = round(edition.hours_threshold * line["fte"] * available, 2)
        qualifies = approved and entry.hours >= required
        assert line["qualifies"] == qualifies, line
        expected = (
            round(edition.amount_per_fte * line["fte"] * available, 2)
            if qualifies
            else 0
        )
        assert line["grant"] == expected
    assert data["totals"]["grant"] > 0


def test_the_council_and_stability_reports_over_the_demo(demo):
    year = date.today().year
    with api.env.adopt_user(username="mwisniewska"):
        council = report_data(
            "sprawozdanie-rada-gminy", f"{year - 1}-01-01", f"{year}-12-31"
        )
        stability = report_data(
            "stabilnosc-zatrudnienia", f"{year}-01-01", date.today().isoformat()
        )
    assert [column["from"] for column in council["columns"]] == [
        f"{year - 1}-01-01",
        f"{year}-01-01",
    ]
    got = {row["code"]: row["values"][-1]["value"] for row in stability["rows"]}
    # Katarzyna Wójcik: 30 months without a break; Tomasz Kamiński: 14
    assert (got["1"], got["1.1"]) == (2, 2)
    raw = raw_files(demo)
    today = date.today()
    active_now = sum(
        1
        for f in raw
        if f["start"] and f["start"] <= today and (f["end"] or date.max) >= today
    )
    assert got["2"] == 2 * 15 - active_now
