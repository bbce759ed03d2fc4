"""GET @deadlines: the open obligations of the files the current user may see
that the user answers for (all of them for the head; ``workflow/deadlines.py``),
filtered and paged as the query string says."""

from plone.restapi.services import Service
from zope.i18n import translate

from mgops.caseflow.audit.record import note_listed
from mgops.caseflow.workflow.deadlines import DEFAULT_PAGE
from mgops.caseflow.workflow.deadlines import deadline_filters
from mgops.caseflow.workflow.deadlines import find_deadlines
from mgops.caseflow.workflow.deadlines import own_obligations


class DeadlinesGet(Service):
    def reply(self):
        form = self.request.form
        found = find_deadlines(
            b_start=form.get("b_start", 0),
            b_size=form.get("b_size", DEFAULT_PAGE),
            served=note_listed,
            responsible=own_obligations(),
            **deadline_filters(form),
        )
        return {
            "@id": f"{self.context.absolute_url()}/@deadlines",
            "items_total": found["items_total"],
            "items": [
                dict(item, rule_text=translate(item["rule_text"], context=self.request))
                for item in found["items"]
            ],
        }
