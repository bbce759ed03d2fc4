"""``@@dziennik`` on a family file: its audit trail for the head, on screen.

The same ``audit.trail.file_trail`` as ``GET @audit``: the filters (person,
action, period) and the paging come from the form, the chain's state is shown
above the entries, never hidden below them. Reading the page is itself recorded
(the publication subscriber's ``audit_read``), as the REST read is.
"""

from datetime import datetime
from urllib.parse import urlencode

from mgops.caseflow import _
from mgops.caseflow.audit.trail import file_trail
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core.errors import CaseflowError


PAGE = 50

#: the actions of the trail, as the head reads them
ACTION_LABELS = {
    "list": _("audit_action_list", default="Shown in a list"),
    "read": _("audit_action_read", default="Read"),
    "export": _("audit_action_export", default="Exported to the archive"),
    "download": _("audit_action_download", default="Downloaded"),
    "create": _("audit_action_create", default="Created"),
    "edit": _("audit_action_edit", default="Edited"),
    "transition": _("audit_action_transition", default="State changed"),
    "sign": _("audit_action_sign", default="Signed"),
    "local_roles": _("audit_action_local_roles", default="Access changed"),
    "delete": _("audit_action_delete", default="Deleted"),
    "destroy": _("audit_action_destroy", default="Destroyed"),
    "person_report": _("audit_action_person_report", default="GDPR report"),
    "audit_read": _("audit_action_audit_read", default="Audit trail read"),
    "write": _("audit_action_write", default="Write request"),
    "denied": _("audit_action_denied", default="Refused"),
}


class AuditTrailView(CaseflowView):
    def __call__(self):
        form = self.request.form
        self.person = (form.get("person") or "").strip() or None
        self.action = form.get("action") or None
        self.start = form.get("from") or None
        self.end = form.get("to") or None
        try:
            self.b_start = max(int(form.get("b_start") or 0), 0)
        except ValueError:
            self.b_start = 0
        try:
            self.trail = file_trail(
                self.context,
                person=self.person,
                action=self.action,
                start=self.start,
                end=self.end,
                b_start=self.b_start,
                b_size=PAGE,
            )
        except CaseflowError as error:
            self.show_refusal(error)
            self.trail = file_trail(self.context, b_start=0, b_size=PAGE)
        return self.index()

    def actions(self):
        return [
            {"id": key, "label": self.t(label), "selected": key == self.action}
            for key, label in ACTION_LABELS.items()
        ]

    def action_label(self, action):
        label = ACTION_LABELS.get(action)
        return self.t(label) if label is not None else action

    def entries(self):
        return [
            {
                "moment": self.moment(_parsed(item.get("time"))),
                "user": self.fullname(item.get("user")),
                "user_id": item.get("user") or "—",
                "action": self.action_label(item.get("action")),
                "outcome": item.get("outcome") or "",
                "what": item.get("portal_type") or "",
                "path": item.get("path") or "",
                "committed": item.get("committed", True),
            }
            for item in self.trail["items"]
        ]

    def pages(self):
        """Links to the previous and next page, keeping the filters."""
        total = self.trail["items_total"]
        query = {
            key: value
            for key, value in (
                ("person", self.person),
                ("action", self.action),
                ("from", self.start),
                ("to", self.end),
            )
            if value
        }
        base = f"{self.context.absolute_url()}/@@dziennik"

        def link(start):
            return f"{base}?{urlencode(dict(query, b_start=start))}"

        return {
            "first": self.b_start + 1 if total else 0,
            "last": min(self.b_start + PAGE, total),
            "total": total,
            "previous": link(max(self.b_start - PAGE, 0)) if self.b_start else None,
            "next": link(self.b_start + PAGE) if self.b_start + PAGE < total else None,
        }


def _parsed(value):
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
