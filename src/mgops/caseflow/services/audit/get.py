"""``GET <family file>/@audit``: the audit trail of one family file, for the head.

Filters (all optional): ``person`` (user id), ``action`` (repeatable: read,
download, create, edit, transition, sign, local_roles, delete, write, …),
``from`` / ``to`` (ISO date or date-time, UTC when no zone is given), paging
with ``b_start`` / ``b_size`` (``audit/trail.py``).

Only GET is registered: the trail cannot be changed through the application.
The read of the trail is itself recorded (``audit_read``) by the publication
subscriber.
"""

from plone.restapi.services import Service

from mgops.caseflow.audit.trail import DEFAULT_PAGE
from mgops.caseflow.audit.trail import file_trail


class AuditGet(Service):
    def reply(self):
        form = self.request.form
        trail = file_trail(
            self.context,
            person=form.get("person"),
            action=form.get("action"),
            start=form.get("from"),
            end=form.get("to"),
            b_start=form.get("b_start", 0),
            b_size=form.get("b_size", DEFAULT_PAGE),
        )
        return {
            "@id": f"{self.context.absolute_url()}/@audit",
            "case_reference": self.context.case_reference,
            **trail,
        }
