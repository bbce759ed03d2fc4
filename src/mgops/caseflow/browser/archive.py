"""Archiwum in the browser: the archival export and the marking as archived.

The same functions as the REST services (``services/archive_export``,
``services/archive_mark``): ``archive.exports`` selects, validates, writes
and logs the package, ``archive.marking`` moves exported closed files to
``archived``, all or nothing. Here a refusal is a status message on the page,
never a JSON body.

``@@archiwum-eksport`` (GET): with ``closed_from`` / ``closed_to``
(YYYY-MM-DD, from the period form) or ``case`` (case references) it first
shows the dry run (what the package will hold, every XML validated); with
``download=1`` it streams the zip. POST ``action=mark`` with ``uid`` marks the
named files archived.
"""

from urllib.parse import urlencode

from plone import api
from plone.protect import CheckAuthenticator

from mgops.caseflow import _
from mgops.caseflow.archive import exports
from mgops.caseflow.archive.marking import mark_archived
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError


SKIP_REASONS = {
    "state": _("ui_archive_skipped_state", default="not closed"),
    "ended": _("ui_archive_skipped_ended", default="no end date"),
}


def _list(value):
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class ArchiveExportView(CaseflowView):
    def __call__(self):
        form = self.request.form
        self.summary = None
        self.closed_from = self.closed_to = None
        self.cases = ()
        self.selection = exports.Selection()
        try:
            if self.request.method == "POST" and form.get("action") == "mark":
                CheckAuthenticator(self.request)
                return self._mark()
            self.closed_from = self._date("closed_from")
            self.closed_to = self._date("closed_to")
            self.cases = _list(form.get("case"))
            self.selection = exports.select(
                self.registry, self.closed_from, self.closed_to, self.cases
            )
            if form.get("download"):
                return self._download()
            self.summary = self._dry_run()
        except CaseflowError as error:
            self.show_refusal(error)
            if self.request.method == "POST" or form.get("download"):
                return self.request.response.redirect(self.back_url())
        return self.index()

    @property
    def registry(self):
        return exports.registry_of(self.context)

    def _date(self, name):
        try:
            return exports.day_of(self.request.form.get(name))
        except ValueError:
            raise CaseflowError(
                "ui_archive_bad_date", "Choose a valid date (DD.MM.YYYY)."
            ) from None

    def _dry_run(self):
        if not self.selection.exported:
            return None
        summary = exports.dry_run(self.selection)
        return {
            "family_files": summary.family_files,
            "documents": summary.documents,
            "files": summary.files,
            "size": self.size(summary.bytes),
        }

    def _download(self):
        package = exports.export_zip(self.registry, self.selection)
        for name, value in package.headers().items():
            self.request.response.setHeader(name, value)
        return package.body

    def _mark(self):
        uids = _list(self.request.form.get("uid"))
        files = mark_archived(self.registry, uids=uids)
        self.status(
            self.t(
                _(
                    "ui_archive_marked",
                    default="Marked as archived: ${references}.",
                    mapping={"references": ", ".join(f.case_reference for f in files)},
                )
            )
        )
        return self.request.response.redirect(self.back_url())

    # -- what the template shows ---------------------------------------------

    def back_url(self):
        return f"{self.portal_url()}/@@archiwum"

    def size(self, count):
        if count < 1024 * 1024:
            return f"{max(1, round(count / 1024))} kB"
        return f"{count / 1024 / 1024:.1f} MB".replace(".", ",")

    def period(self):
        return {
            "from": self.day(self.closed_from) if self.closed_from else "…",
            "to": self.day(self.closed_to) if self.closed_to else "…",
        }

    def exported(self):
        return [
            {
                "uid": f.UID(),
                "url": f.absolute_url(),
                "case_reference": f.case_reference,
                "family_name": f.family_name,
                "ended": self.day(f.ended),
                "state": api.content.get_state(obj=f),
                "state_title": self.state_title(api.content.get_state(obj=f)),
                "exported_before": exports.exported_in(self.registry, f.UID())
                is not None,
            }
            for f in self.selection.exported
        ]

    def skipped(self):
        return [
            dict(item, reason_text=self.t(SKIP_REASONS[item["reason"]]))
            if item["reason"] in SKIP_REASONS
            else dict(item, reason_text=item["reason"])
            for item in self.selection.skipped
        ]

    def to_mark(self):
        """Closed files of this selection (marking refuses any not exported)."""
        return [row for row in self.exported() if row["state"] == states.CLOSED]

    def download_query(self):
        query = [("download", "1")]
        if self.closed_from:
            query.append(("closed_from", self.closed_from.isoformat()))
        if self.closed_to:
            query.append(("closed_to", self.closed_to.isoformat()))
        query += [("case", case) for case in self.cases]
        return urlencode(query)

    def may_mark(self):
        return self.is_archivist or self.has_role("Manager", api.portal.get())
