"""The named queries a report definition's rows call.

Each takes the records, the period (inclusive of both ends) and the row's
parameters, and answers a ``Figure``: its value and, where it counts families
or assistants, the set it counted, so each one is counted once per row and the
figure links to the files behind it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from datetime import timedelta

from mgops.caseflow.core.reports.records import ZA_ZYCIEM
from mgops.caseflow.core.reports.records import Employment
from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.records import Records
from mgops.caseflow.core.reports.records import add_months
from mgops.caseflow.core.rules.caseload import effective_caseload_limit


FAMILIES = "families"
ASSISTANTS = "assistants"
VALUE = "value"


@dataclass(frozen=True)
class Figure:
    """A row's value; ``keys`` the family files (or assistants) it counted."""

    value: int | float
    keys: frozenset = frozenset()
    unit: str = FAMILIES
    #: whether rows of this query add up (a mean or a maximum does not)
    additive: bool = True


def _families(keys) -> Figure:
    keys = frozenset(keys)
    return Figure(len(keys), keys, FAMILIES)


def _assistants(keys) -> Figure:
    keys = frozenset(keys)
    return Figure(len(keys), keys, ASSISTANTS)


def _with_assistant(records: Records, period: Period):
    return [record for record in records.files if record.with_assistant_in(period)]


def families_with_assistant(
    records, period, path=None, court_obliged=None, za_zyciem_kind=None
):
    """Families an assistant worked with on a day of the period; ``path``
    (``za_zyciem`` or ``standard``), ``court_obliged`` and the "Za życiem"
    application's document (``za_zyciem_kind``) narrow them."""
    found = _with_assistant(records, period)
    if za_zyciem_kind is not None:
        found = [r for r in found if r.za_zyciem_kind == za_zyciem_kind]
    if path is not None:
        found = [
            r for r in found if (r.support_path == ZA_ZYCIEM) == (path == ZA_ZYCIEM)
        ]
    if court_obliged is not None:
        found = [
            r
            for r in found
            if (r.court_obliged_on is not None and r.court_obliged_on <= period.end)
            == bool(court_obliged)
        ]
    return _families(r.key for r in found)


def children_in_families(records, period):
    """The children in the families an assistant worked with in the period."""
    found = _with_assistant(records, period)
    return Figure(sum(r.children for r in found), frozenset(r.key for r in found))


def families_ended(records, period, reason=None):
    """Families whose work with the assistant ended in the period (the day of
    the signed end-of-work decision), of one ``reason`` if given."""
    return _families(
        r.key
        for r in records.files
        if period.contains(r.work_ended) and (reason is None or r.end_reason == reason)
    )


def _months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


def families_by_length(records, period, min_months=0, max_months=None):
    """Families worked with in the period, by how long the work had lasted at
    its end or at the period's end: at least ``min_months``, under ``max_months``."""
    keys = []
    for record in _with_assistant(records, period):
        until = min(record.work_ended or period.end, period.end)
        months = _months_between(record.work_start, until)
        if months >= min_months and (max_months is None or months < max_months):
            keys.append(record.key)
    return _families(keys)


def families_court_requests(records, period):
    """Families about whom a court asked the assistant's opinion in the period."""
    return _families(
        r.key for r in records.files if any(map(period.contains, r.court_requests))
    )


def court_opinions_sent(records, period):
    """Opinions the assistants sent to the courts in the period."""
    counted = [
        (r.key, sum(map(period.contains, r.opinions_sent))) for r in records.files
    ]
    return Figure(
        sum(n for _key, n in counted), frozenset(key for key, n in counted if n)
    )


def _last_employment(employments, period) -> dict[str, Employment]:
    """Each assistant employed in the period → their latest employment in it."""
    latest: dict[str, Employment] = {}
    for employment in sorted(employments, key=lambda e: e.start):
        if period.overlaps(employment.start, employment.end):
            latest[employment.assistant] = employment
    return latest


def assistants_employed(records, period, form=None):
    """Assistants employed on a day of the period, by the form of their latest
    employment in it (so each is counted once)."""
    latest = _last_employment(records.employments, period)
    return _assistants(a for a, e in latest.items() if form is None or e.form == form)


def assistants_fte(records, period, form=None):
    """The full-time equivalents of those assistants (their latest employment)."""
    latest = _last_employment(records.employments, period)
    chosen = {a: e for a, e in latest.items() if form is None or e.form == form}
    return Figure(
        round(sum(e.fte for e in chosen.values()), 2), frozenset(chosen), ASSISTANTS
    )


def _families_per_assistant(records, period) -> dict[str, set]:
    per: dict[str, set] = {}
    for record in records.files:
        for assignment in record.assignments:
            if period.overlaps(assignment.start, assignment.end):
                per.setdefault(assignment.assistant, set()).add(record.key)
    return per


def families_per_assistant(records, period, measure="mean"):
    """Families per assistant who worked with any in the period: the ``mean``
    (two decimals) or the ``max``."""
    per = _families_per_assistant(records, period)
    counts = [len(keys) for keys in per.values()]
    if measure == "max":
        value = max(counts, default=0)
    else:
        value = round(sum(counts) / len(counts), 2) if counts else 0
    keys = frozenset().union(*per.values()) if per else frozenset()
    return Figure(value, keys, FAMILIES, additive=False)


def continuous_since(employments, assistant: str, day: date) -> date | None:
    """The first day of the assistant's employment without a break up to ``day``
    (periods that follow on the next day or overlap join), or None."""
    own = sorted(
        (e for e in employments if e.assistant == assistant and e.start <= day),
        key=lambda e: e.start,
    )
    since, until = None, None
    for employment in own:
        if until is not None and employment.start > until + timedelta(days=1):
            since = None
        if since is None:
            since, until = employment.start, employment.end or date.max
        else:
            until = max(until, employment.end or date.max)
    return since if since is not None and until >= day else None


def assistants_stable(records, period, months=12):
    """Assistants employed at the period's end without a break for ``months``
    months or more (the programme's goal of stable employment)."""
    assistants = {e.assistant for e in records.employments}
    stable = []
    for assistant in assistants:
        since = continuous_since(records.employments, assistant, period.end)
        if since is not None and add_months(since, months) <= period.end + timedelta(
            days=1
        ):
            stable.append(assistant)
    return _assistants(stable)


def free_places(records, period, measure="sum"):
    """Places the assistants employed at the period's end could still take:
    the limit (Act of 9 June 2011, art. 15 ust. 4) less the families they
    worked with that day; their ``sum`` or ``mean`` per assistant."""
    limit = effective_caseload_limit(records.caseload_limit)
    day = period.end
    employed = _last_employment(records.employments, Period(day, day))
    load = dict.fromkeys(employed, 0)
    for record in records.files:
        assistant = record.assistant_on(day)
        if assistant in load:
            load[assistant] += 1
    places = [max(limit - n, 0) for n in load.values()]
    if measure == "mean":
        value = round(sum(places) / len(places), 2) if places else 0
        return Figure(value, frozenset(load), ASSISTANTS, additive=False)
    return Figure(sum(places), frozenset(load), ASSISTANTS)


def _za_zyciem_in(records, period):
    return [
        r
        for r in records.files
        if r.support_path == ZA_ZYCIEM and period.contains(r.application_received)
    ]


def za_zyciem_applications(records, period, contacted=None):
    """ "Za życiem" applications received in the period; ``contacted``: of them
    those the assistant has (or has not) met yet."""
    found = _za_zyciem_in(records, period)
    if contacted is not None:
        found = [r for r in found if (r.first_contact is not None) == bool(contacted)]
    return _families(r.key for r in found)


def za_zyciem_days_to_contact(records, period, measure="mean"):
    """Days from a "Za życiem" application received in the period to the
    assistant's first contact with the family: ``mean`` or ``max``."""
    found = [r for r in _za_zyciem_in(records, period) if r.first_contact]
    days = [(r.first_contact - r.application_received).days for r in found]
    if measure == "max":
        value = max(days, default=0)
    else:
        value = round(sum(days) / len(days), 1) if days else 0
    return Figure(value, frozenset(r.key for r in found), VALUE, additive=False)


#: the names a definition's rows may call
QUERIES: dict[str, Callable[..., Figure]] = {
    function.__name__: function
    for function in (
        families_with_assistant,
        children_in_families,
        families_ended,
        families_by_length,
        families_court_requests,
        court_opinions_sent,
        assistants_employed,
        assistants_fte,
        families_per_assistant,
        assistants_stable,
        free_places,
        za_zyciem_applications,
        za_zyciem_days_to_contact,
    )
}
