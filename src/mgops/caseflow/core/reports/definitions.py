"""Report definitions as data: one YAML file per edition of a form.

A definition names its rows (the code and the Polish label as on the form),
the named query each row calls (``queries.QUERIES``) with its parameters, the
periods it may cover, and the rows whose parts must add up to them. Loading
refuses a definition that names an unknown query or part; building refuses a
report whose parts do not add up to their total, naming the row.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta

import yaml

from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.reports.queries import QUERIES
from mgops.caseflow.core.reports.queries import Figure
from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.records import Records


#: the periods a definition may ask for
HALF_YEAR = "half_year"  # 1 January–30 June or 1 July–31 December of one year
YEAR = "year"  # 1 January–31 December of one year
WHOLE_YEARS = (
    "whole_years"  # 1 January of one year – 31 December of the same or a later
)
WHOLE_MONTHS = "whole_months"  # the first of a month – the last day of a month
ANY = "any"
PERIOD_KINDS = (HALF_YEAR, YEAR, WHOLE_YEARS, WHOLE_MONTHS, ANY)

#: how the report's columns divide the period
COLUMNS_PERIOD = "period"
COLUMNS_YEARS = "years"

#: what a definition is: rows over the files, or the programme's settlement
ROWS = "rows"
SETTLEMENT = "settlement"


class DefinitionError(RuleViolation):
    """A definition file that cannot be a report."""


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    query: str
    params: Mapping = field(default_factory=dict)
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Definition:
    id: str
    title: str
    legal_basis: str
    obligation: str
    periods: tuple[str, ...]
    columns: str = COLUMNS_PERIOD
    kind: str = ROWS
    rows: tuple[Row, ...] = ()
    notes: str = ""


def _refuse(definition_id, text, **mapping):
    raise DefinitionError(
        "report_definition_invalid",
        "The report definition ${definition} is not valid: ${problem}",
        definition=definition_id,
        problem=text.format(**mapping),
    )


def load_definition(text: str) -> Definition:
    """A definition from its YAML, checked: every row's query exists, codes are
    unique, parts name earlier rows and additive queries."""
    data = yaml.safe_load(text) or {}
    definition_id = str(data.get("id") or "?")
    for key in ("id", "title", "legal_basis", "obligation", "periods"):
        if not data.get(key):
            _refuse(definition_id, "it has no {key}.", key=key)
    periods = tuple(data["periods"])
    for period in periods:
        if period not in PERIOD_KINDS:
            _refuse(definition_id, "unknown period kind {period}.", period=period)
    kind = data.get("kind", ROWS)
    if kind not in (ROWS, SETTLEMENT):
        _refuse(definition_id, "unknown kind {kind}.", kind=kind)
    columns = data.get("columns", COLUMNS_PERIOD)
    if columns not in (COLUMNS_PERIOD, COLUMNS_YEARS):
        _refuse(definition_id, "unknown columns {columns}.", columns=columns)
    rows: list[Row] = []
    seen: set[str] = set()
    for item in data.get("rows") or ():
        code = str(item.get("code") or "")
        if not code or code in seen:
            _refuse(
                definition_id, "row code {code!r} is missing or repeated.", code=code
            )
        if item.get("query") not in QUERIES:
            _refuse(
                definition_id,
                "row {code} calls an unknown query {query!r}.",
                code=code,
                query=item.get("query"),
            )
        parts = tuple(str(part) for part in item.get("parts") or ())
        for part in parts:
            if part not in seen and part not in {
                str(later.get("code")) for later in data["rows"]
            }:
                _refuse(
                    definition_id,
                    "row {code} names an unknown part {part}.",
                    code=code,
                    part=part,
                )
        seen.add(code)
        rows.append(
            Row(
                code,
                str(item.get("label") or code),
                item["query"],
                dict(item.get("params") or {}),
                parts,
            )
        )
    if kind == ROWS and not rows:
        _refuse(definition_id, "it has no rows.")
    return Definition(
        id=definition_id,
        title=str(data["title"]),
        legal_basis=str(data["legal_basis"]),
        obligation=str(data["obligation"]),
        periods=periods,
        columns=columns,
        kind=kind,
        rows=tuple(rows),
        notes=str(data.get("notes") or ""),
    )


def _is(kind: str, period: Period) -> bool:
    start, end = period.start, period.end
    one_year = start.year == end.year
    if kind == ANY:
        return True
    if kind == YEAR:
        return one_year and (start, end) == (
            date(start.year, 1, 1),
            date(end.year, 12, 31),
        )
    if kind == HALF_YEAR:
        return one_year and (start.month, start.day, end.month, end.day) in (
            (1, 1, 6, 30),
            (7, 1, 12, 31),
        )
    if kind == WHOLE_YEARS:
        return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    return period.is_whole_months


#: the refusal of a period, by the periods a definition allows
PERIOD_REFUSALS = {
    (HALF_YEAR, YEAR): (
        "report_period_not_half_year_or_year",
        "The report ${report} covers a half-year (1 January–30 June or 1 July–31 "
        "December) or a calendar year; the period ${period} is neither.",
    ),
    (WHOLE_YEARS,): (
        "report_period_not_whole_years",
        "The report ${report} covers whole calendar years (from 1 January to 31 "
        "December); the period ${period} is not.",
    ),
    (WHOLE_MONTHS,): (
        "report_period_not_whole_months",
        "The report ${report} covers whole months (from the first day of a month "
        "to the last day of a month); the period ${period} is not.",
    ),
}


def check_period(definition: Definition, period: Period) -> None:
    """Refuse a period the definition's form is not made for."""
    if any(_is(kind, period) for kind in definition.periods):
        return
    msgid, default = PERIOD_REFUSALS.get(
        definition.periods,
        (
            "report_period_not_allowed",
            "The report ${report} does not cover the period ${period} (it covers: "
            "${allowed}).",
        ),
    )
    raise RuleViolation(
        msgid,
        default,
        report=definition.title,
        period=period.label(),
        allowed=", ".join(definition.periods),
    )


@dataclass(frozen=True)
class ReportRow:
    code: str
    label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Report:
    definition: Definition
    period: Period
    columns: tuple[Period, ...]
    rows: tuple[ReportRow, ...]


def build_report(definition: Definition, records: Records, period: Period) -> Report:
    """The definition's rows over the records, per column; refused when a row's
    parts do not add up to it (the row named)."""
    check_period(definition, period)
    columns = (
        tuple(period.years()) if definition.columns == COLUMNS_YEARS else (period,)
    )
    figures: dict[str, tuple[Figure, ...]] = {}
    for row in definition.rows:
        query = QUERIES[row.query]
        figures[row.code] = tuple(
            query(records, column, **row.params) for column in columns
        )
    for row in definition.rows:
        if not row.parts:
            continue
        for index, column in enumerate(columns):
            parts = [figures[part][index] for part in row.parts]
            total = figures[row.code][index]
            if not total.additive or not all(part.additive for part in parts):
                raise DefinitionError(
                    "report_parts_not_additive",
                    "Row ${code} (${label}) of the report ${report} has parts that "
                    "cannot be added up (a mean or a maximum).",
                    code=row.code,
                    label=row.label,
                    report=definition.id,
                )
            added = round(sum(part.value for part in parts), 2)
            if added != total.value:
                raise DefinitionError(
                    "report_parts_do_not_add_up",
                    "Row ${code} (${label}) of the report ${report}: its parts "
                    "(${parts}) add up to ${added}, the row says ${total} for "
                    "${period}.",
                    code=row.code,
                    label=row.label,
                    report=definition.id,
                    parts=", ".join(row.parts),
                    added=added,
                    total=total.value,
                    period=column.label(),
                )
    return Report(
        definition,
        period,
        columns,
        tuple(
            ReportRow(row.code, row.label, figures[row.code]) for row in definition.rows
        ),
    )


def default_period(definition: Definition, today: date) -> Period:
    """The period a form is filed for next: the last half-year or year that has
    ended, the months of this year so far, or this year until today."""
    kind = definition.periods[0]
    if kind == HALF_YEAR:
        if today.month > 6:
            return Period(date(today.year, 1, 1), date(today.year, 6, 30))
        return Period(date(today.year - 1, 7, 1), date(today.year - 1, 12, 31))
    if kind in (YEAR, WHOLE_YEARS):
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    if kind == WHOLE_MONTHS:
        if today.month == 1:
            return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
        last = date(today.year, today.month, 1) - timedelta(days=1)
        return Period(date(today.year, 1, 1), last)
    return Period(date(today.year, 1, 1), today)
