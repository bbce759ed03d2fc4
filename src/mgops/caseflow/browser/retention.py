"""``@@retencja``: closed files past their retention period, their destruction,
and the destruction protocols written so far.

The same ``gdpr.retention`` as ``GET @retention`` and ``POST @destroy``: the head
and the archivist see the list; only the archivist destroys, with the reason and
the state archive director's consent (every category B; Act of 14 July 1983 on
the national archival resource, art. 5 ust. 1 pkt 2), for BE also the archive's
expert assessment. A refusal is a message on the page and changes nothing.
"""

from datetime import datetime

from plone import api
from plone.protect import CheckAuthenticator

from mgops.caseflow import _
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.gdpr.retention import destroy
from mgops.caseflow.gdpr.retention import past_retention
from mgops.caseflow.gdpr.retention import protocols


class RetentionView(CaseflowView):
    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                return self._destroy()
            except CaseflowError as error:
                self.show_refusal(error)
                return self.request.response.redirect(self.page_url())
        return self.index()

    @property
    def registry(self):
        return api.portal.get()["akta"]

    def page_url(self):
        return f"{self.portal_url()}/@@retencja"

    def show_all(self):
        return self.request.form.get("all") == "1"

    def may_destroy(self):
        return self.is_archivist or self.has_role("Manager", api.portal.get())

    def _destroy(self):
        form = self.request.form
        uid = form.get("uid")
        family_file = api.content.get(UID=uid) if uid else None
        if family_file is None or family_file.portal_type != "FamilyFile":
            raise CaseflowError(
                "ui_retention_no_file", "Choose a closed family file to destroy."
            )
        if form.get("confirm") != "1":
            raise CaseflowError(
                "ui_retention_confirm",
                "Confirm that the file ${reference} and all its documents are to be "
                "destroyed for good.",
                reference=family_file.case_reference,
            )
        protocol = destroy(
            family_file,
            (form.get("reason") or "").strip(),
            (form.get("expert_consent") or "").strip() or None,
            {
                "archive": form.get("archive") or "",
                "reference": form.get("consent_reference") or "",
                "date": form.get("consent_date") or "",
            },
        )
        self.status(
            self.t(
                _(
                    "ui_retention_destroyed",
                    default="The file ${reference} was destroyed; destruction "
                    "protocol no. ${number}.",
                    mapping={
                        "reference": protocol["case_reference"],
                        "number": protocol["number"],
                    },
                )
            )
        )
        return self.request.response.redirect(self.page_url())

    def rows(self):
        return [
            dict(
                item,
                state_title=self.state_title(item["review_state"]),
                closed=self.day(item["closed_on"]),
                ends=self.day(item["retention_ends"]),
            )
            for item in past_retention(self.registry, everything=self.show_all())
        ]

    def protocols(self):
        return [
            dict(
                record,
                destroyed=self.moment(_moment(record["destroyed_at"])),
                by=self.fullname(record["destroyed_by"]),
                consent=record.get("archive_consent") or {},
                documents_count=len(record.get("documents") or ()),
            )
            for record in reversed(protocols(self.registry))
        ]


def _moment(value):
    return datetime.fromisoformat(value) if value else None
