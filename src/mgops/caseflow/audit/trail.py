"""The audit trail of one family file: its entries and its documents', filtered.

Read-only by construction: the store has no code path that changes or removes
an entry (see ``core.audit.chain``).
"""

import datetime

from mgops.caseflow.audit.config import audit_dir
from mgops.caseflow.core.audit.chain import read_entries
from mgops.caseflow.core.errors import CaseflowError


DEFAULT_PAGE = 100
MAX_PAGE = 1000

#: what an entry shows of itself, in this order
FIELDS = (
    "time",
    "user",
    "action",
    "outcome",
    "address",
    "method",
    "uid",
    "path",
    "portal_type",
    "case_reference",
    "view",
    "status",
    "detail",
    "instance",
    "hash",
)


def _moment(value, end=False):
    if not value:
        return None
    if len(value) == 10:  # a date: the whole day
        day = datetime.date.fromisoformat(value)
        moment = datetime.datetime.combine(
            day, datetime.time.max if end else datetime.time.min
        )
    else:
        moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _as_set(value):
    if not value:
        return set()
    return {value} if isinstance(value, str) else set(value)


def _within(entry, start, end):
    try:
        moment = datetime.datetime.fromisoformat(entry["time"])
    except (KeyError, ValueError):
        return False
    return not (start and moment < start) and not (end and moment > end)


def file_trail(
    family_file,
    person=None,
    action=None,
    start=None,
    end=None,
    b_start=0,
    b_size=DEFAULT_PAGE,
):
    """``{"items_total", "items"}``: the file's entries, oldest first, a page of them.

    From every instance's log. The values may come straight from a form:
    ``person`` and ``action`` one or several; ``start`` / ``end`` an ISO date
    (the whole day) or date-time, UTC when no zone is given; paging as whole
    numbers (the page at most ``MAX_PAGE``); anything else is refused.
    """
    try:
        start = _moment(start)
        end = _moment(end, end=True)
        b_start = max(int(b_start), 0)
        b_size = min(max(int(b_size), 1), MAX_PAGE)
    except (ValueError, TypeError):
        raise CaseflowError(
            "error_audit_parameters",
            "Give times as YYYY-MM-DD or YYYY-MM-DDTHH:MM and paging as whole numbers.",
        ) from None
    people = _as_set(person)
    actions = _as_set(action)
    uid = family_file.UID()
    items = [
        {key: entry[key] for key in FIELDS if key in entry}
        for entry in read_entries(audit_dir())
        if uid in (entry.get("file_uid"), entry.get("uid"))
        and (not people or entry.get("user") in people)
        and (not actions or entry.get("action") in actions)
        and (not (start or end) or _within(entry, start, end))
    ]
    items.sort(key=lambda item: item.get("time") or "")
    return {"items_total": len(items), "items": items[b_start : b_start + b_size]}
