"""GET @deadlines: the open obligations of the files the current user may see.

The catalog already limits the files to the user's (an assistant's own families,
a social worker's, all for the head); obligations come from brain metadata, so
no family file is woken up.
"""

import bisect
from datetime import date

from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.core.rules.obligations import OBLIGATION_TEXTS
from mgops.caseflow.services.deadlines.due_order import FilesByDue
from mgops.caseflow.services.errors import error


DEFAULT_PAGE = 50


def _parse_date(value):
    return date.fromisoformat(value) if value else None


class DeadlinesGet(Service):
    def reply(self):
        form = self.request.form
        try:
            due_before = _parse_date(form.get("due_before"))
            today = _parse_date(form.get("today")) or date.today()
            start = int(form.get("b_start", 0))
            size = int(form.get("b_size", DEFAULT_PAGE))
        except ValueError:
            return error(
                self.request,
                400,
                "BadRequest",
                translate(
                    _(
                        "error_deadlines_parameters",
                        default="Dates must be given as YYYY-MM-DD and paging "
                        "as whole numbers.",
                    ),
                    context=self.request,
                ),
            )
        kinds = form.get("kind") or []
        kinds = {kinds} if isinstance(kinds, str) else set(kinds)
        overdue_only = form.get("overdue") in ("1", "true", "True")

        query = {"portal_type": "FamilyFile"}
        query["next_due"] = {"query": due_before or date.max, "range": "max"}
        if overdue_only:
            query["next_due"] = {"query": today, "range": "max"}

        def wanted(due, kind):
            return (
                (not kinds or kind in kinds)
                and (not overdue_only or today > due)
                and (not due_before or due <= due_before)
            )

        filtered = bool(kinds or overdue_only or due_before)
        # Unfiltered, the count comes from the index and the walk stops after
        # the page; a filter needs every matching obligation for the count.
        files = FilesByDue(query)
        matches = self._matches(files, wanted, None if filtered else start + size)
        total = len(matches) if filtered else files.obligation_count()
        page = matches[start : start + size]
        return {
            "@id": f"{self.context.absolute_url()}/@deadlines",
            "items_total": total,
            "items": [
                self._item(brain, obligation, today > due)
                for due, _reference, _n, brain, obligation in page
            ],
        }

    def _matches(self, files, wanted, enough):
        """Light sortable tuples of the wanted obligations, earliest first.

        Brains come sorted by ``next_due``, each file's earliest due: once
        ``enough`` obligations are collected and a file's earliest due is later
        than the last of them, no later file can add one to the page. URLs and
        translated rules are built for the page only.
        """
        matches, dues = [], []
        for brain in files.brains():
            if enough and len(dues) >= enough and brain.next_due > dues[enough - 1]:
                break
            for obligation in brain.obligations or ():
                due = obligation["due"]
                if wanted(due, obligation["kind"]):
                    matches.append(
                        (
                            due,
                            brain.case_reference or "",
                            len(matches),
                            brain,
                            obligation,
                        )
                    )
                    if enough:
                        bisect.insort(dues, due)
        matches.sort(key=lambda match: match[:3])
        return matches

    def _item(self, brain, obligation, overdue):
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
            "rule_text": translate(
                _(rule, default=OBLIGATION_TEXTS.get(rule, rule)), context=self.request
            ),
            "due": obligation["due"].isoformat(),
            "overdue": overdue,
            "responsible": obligation["responsible"],
            "responsible_role": obligation["responsible_role"],
        }
