"""GET @deadlines: the open obligations of the files the current user may see.

The catalog already limits the files to the user's (an assistant's own families,
a social worker's, all for the head); obligations come from brain metadata, so
no family file is woken up.
"""

from datetime import date

from plone import api
from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.rules.obligations import OBLIGATION_TEXTS
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

        query = {"portal_type": "FamilyFile", "sort_on": "next_due"}
        query["next_due"] = {"query": due_before or date.max, "range": "max"}
        if overdue_only:
            query["next_due"] = {"query": today, "range": "max"}
        # Sort light tuples of every matching obligation, then build (URL,
        # translated rule) only the page's items: the head's first page of 50
        # must not cost a translation per obligation of every file.
        matches = []
        for brain in api.content.find(**query):
            for obligation in brain.obligations or ():
                due = obligation["due"]
                if kinds and obligation["kind"] not in kinds:
                    continue
                if overdue_only and not today > due:
                    continue
                if due_before and due > due_before:
                    continue
                matches.append(
                    (due, brain.case_reference or "", len(matches), brain, obligation)
                )
        matches.sort(key=lambda match: match[:3])
        page = matches[start : start + size]
        return {
            "@id": f"{self.context.absolute_url()}/@deadlines",
            "items_total": len(matches),
            "items": [
                self._item(brain, obligation, today > due)
                for due, _reference, _n, brain, obligation in page
            ],
        }

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
