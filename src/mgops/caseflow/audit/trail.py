"""The audit trail of one family file: its entries and its documents', filtered.

Read-only by construction: the store has no code path that changes or removes
an entry (see ``core.audit.chain``).

Never presented as whole when it is not: each instance's file is checked —
its own chain and its anchor in the database — while it is read, and the
answer says ``chain_intact`` and lists every break (file, line, reason; the
breaks the anchor recorded when they happened too). Lines that do not parse
are not skipped silently: they are breaks. Entries the anchor names as never
committed (a crash between writing them and the database's commit) carry
``"committed": false``.
"""

import datetime

from mgops.caseflow.audit import anchor
from mgops.caseflow.audit.config import audit_dir
from mgops.caseflow.audit.config import instance_name
from mgops.caseflow.core.audit.chain import check_missing
from mgops.caseflow.core.audit.chain import check_scan
from mgops.caseflow.core.audit.chain import instance_of
from mgops.caseflow.core.audit.chain import log_files
from mgops.caseflow.core.audit.chain import scan_file
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
    "route",
    "status",
    "detail",
    "instance",
    "seq",
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
    """The file's entries, oldest first, a page of them, and the chains' state.

    ``{"items_total", "items", "chain_intact", "chain_breaks"}``.

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
    entries, breaks, uncommitted = _checked_entries(family_file)
    items = []
    for entry in entries:
        if not (
            uid in (entry.get("file_uid"), entry.get("uid"))
            and (not people or entry.get("user") in people)
            and (not actions or entry.get("action") in actions)
            and (not (start or end) or _within(entry, start, end))
        ):
            continue
        item = {key: entry[key] for key in FIELDS if key in entry}
        if entry.get("txn") and entry["txn"] in uncommitted:
            item["committed"] = False
        items.append(item)
    items.sort(key=lambda item: item.get("time") or "")
    return {
        "items_total": len(items),
        "items": items[b_start : b_start + b_size],
        "chain_intact": not breaks,
        "chain_breaks": breaks,
    }


def _checked_entries(context):
    """Every entry of every instance's file, the breaks found, uncommitted txns."""
    directory = audit_dir()
    jar = getattr(context, "_p_jar", None)
    anchors = anchor.states(jar) if jar is not None else {}
    entries, breaks, uncommitted = [], [], set()
    for path in log_files(directory):
        scan = scan_file(path, keep=True)
        entries.extend(scan.entries)
        report = check_scan(scan, anchors.get(instance_of(path)))
        breaks.extend(_breaks(report))
        if not report.anchored and anchors:
            breaks.append(
                {
                    "file": path.name,
                    "line": 1,
                    "reason": "plik bez kotwicy w bazie danych",
                }
            )
    present = {instance_of(path) for path in log_files(directory)}
    for name, state in sorted(anchors.items()):
        # Only this instance's own file is known to belong here: another instance
        # may write to a directory of its own (``caseflow-audit verify`` checks
        # every anchor against the folder the operator collects the logs in).
        if name not in present and name == instance_name():
            breaks.extend(
                _breaks(check_missing(directory / f"audit-{name}.jsonl", state))
            )
        for found in state.get("unanchored") or ():
            uncommitted.update(found.get("txns") or ())
    return entries, breaks, uncommitted


def _breaks(report) -> list[dict]:
    found = []
    if report.broken is not None:
        found.append(
            {
                "file": report.path.name,
                "line": report.broken.line,
                "reason": report.broken.reason,
            }
        )
    found.extend(
        {
            "file": report.path.name,
            "line": recorded.get("seq"),
            "reason": recorded.get("reason"),
            "found": recorded.get("time"),
        }
        for recorded in report.recorded
    )
    return found
