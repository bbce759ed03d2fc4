"""The open obligations of the files the current user may see, earliest first.

One function for ``@deadlines`` and the Terminy page. The catalog already limits
the files to the user's (an assistant's own families, a social worker's, all for
the head); obligations come from brain metadata, so no family file is woken up.
"""

import bisect
from datetime import date

from plone import api

from mgops.caseflow import _
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.rules.obligations import OBLIGATION_TEXTS
from mgops.caseflow.roles import HEAD
from mgops.caseflow.workflow.due_order import FilesByDue


DEFAULT_PAGE = 50

#: the filters a request's form may give, as ``find_deadlines`` names them
FILTERS = ("kind", "overdue", "due_before", "today")


def deadline_filters(form):
    """The filters of a request's form, for ``find_deadlines``."""
    return {name: form[name] for name in FILTERS if name in form}


#: global roles that answer for every file's obligations: their list is all of them
SEE_EVERY_OBLIGATION = frozenset({HEAD, "Manager"})


def own_obligations():
    """Whose obligations the current user's list holds: the head's (and the
    administrator's) every obligation of the files they see (None), anyone
    else's only those they answer for, by user id: an assistant's assessments
    and monitoring visits, a social worker's interviews, introductions and
    control visits (DESIGN, "Process"). One answer for ``@deadlines``, the
    Terminy page and the count in the navigation."""
    if api.user.is_anonymous():
        return None  # the catalog shows an anonymous user no file
    if SEE_EVERY_OBLIGATION & set(api.user.get_roles()):
        return None
    return api.user.get_current().getId()


def _day(value):
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if value else None


def find_deadlines(
    kind=None,
    overdue=False,
    due_before=None,
    today=None,
    b_start=0,
    b_size=DEFAULT_PAGE,
    served=None,
    responsible=None,
):
    """``{"items_total", "items"}``: a page of the wanted obligations of all the
    files the user may see (on the site and on the registry alike).

    ``served(brain)`` is told of each file the page shows (the audit trail's
    ``note_listed``, which this layer cannot import). ``responsible``: only the
    obligations this user id answers for (``own_obligations()``).

    The values may come straight from a form: ``kind`` one or several,
    ``overdue`` "1" or "true", dates as YYYY-MM-DD, paging as whole numbers;
    anything else is refused. An item's ``rule_text`` is a message for the
    caller to translate.
    """
    try:
        due_before = _day(due_before)
        today = _day(today) or date.today()
        b_start = int(b_start)
        b_size = int(b_size)
        if b_start < 0 or b_size < 0:
            raise ValueError(b_start, b_size)  # a page starts and runs forwards
    except (TypeError, ValueError):
        raise CaseflowError(
            "error_deadlines_parameters",
            "Dates must be given as YYYY-MM-DD and paging as whole numbers, none "
            "negative.",
        ) from None
    kinds = {kind} if isinstance(kind, str) else set(kind or ())
    overdue = overdue in (True, "1", "true", "True")

    # a date range only where one is asked for: over every file's date, it
    # cost what the files cost, and the walk reads dated files alone anyway
    query = {"portal_type": "FamilyFile"}
    if due_before:
        query["next_due"] = {"query": due_before, "range": "max"}
    if overdue:
        query["next_due"] = {"query": today, "range": "max"}

    def wanted(due, obligation):
        return (
            (not kinds or obligation["kind"] in kinds)
            and (responsible is None or obligation["responsible"] == responsible)
            and (not overdue or today > due)
            and (not due_before or due <= due_before)
        )

    # The count of all obligations, or of a user's own, comes from an index
    # and the walk stops after the page; another filter needs every matching
    # obligation for the count (and so does a catalog without the index).
    files = FilesByDue(query)
    counted = (
        None if kinds or overdue or due_before else files.obligation_count(responsible)
    )
    if counted is None:
        matches = _matches(files.walk(responsible), wanted, None)
    else:  # a count alone (b_size 0) needs no walk
        matches = (
            _matches(files.walk(responsible), wanted, b_start + b_size)
            if b_size
            else []
        )
    return {
        "items_total": len(matches) if counted is None else counted,
        "items": [
            _item(brain, obligation, today > due, served)
            for due, _reference, _n, brain, obligation in matches[
                b_start : b_start + b_size
            ]
        ],
    }


def _matches(walk, wanted, enough):
    """Light sortable tuples of the wanted obligations, earliest first.

    Brains come sorted by their earliest wanted due (``FilesByDue.walk``):
    once ``enough`` obligations are collected and a file's earliest due is
    later than the last of them, no later file can add one to the page. URLs
    and rule texts are built for the page only.
    """
    matches, dues = [], []
    for earliest, brain in walk:
        if enough and len(dues) >= enough and earliest > dues[enough - 1]:
            break
        for obligation in brain.obligations or ():
            due = obligation["due"]
            if wanted(due, obligation):
                matches.append(
                    (due, brain.case_reference or "", len(matches), brain, obligation)
                )
                if enough:
                    bisect.insort(dues, due)
    matches.sort(key=lambda match: match[:3])
    return matches


def _item(brain, obligation, overdue, served=None):
    if served is not None:
        served(brain)
    rule = obligation["rule"]
    return {
        "family_file": {
            "@id": brain.getURL(),
            "title": brain.Title,
            "review_state": brain.review_state,
        },
        "case_reference": brain.case_reference,
        "kind": obligation["kind"],
        "rule": rule,
        "rule_text": _(rule, default=OBLIGATION_TEXTS.get(rule, rule)),
        "due": obligation["due"].isoformat(),
        "overdue": overdue,
        "responsible": obligation["responsible"],
        "responsible_role": obligation["responsible_role"],
    }
