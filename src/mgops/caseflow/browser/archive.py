"""Archiwum in the browser: the archival export and the marking as archived.

The same code as the REST services (``services/archive_export``,
``services/archive_mark``): ``archival.exports`` selects, validates and writes
the package and logs what went out; marking moves to ``archived`` only closed
files that the log says were exported, all or nothing, with the service's
checks and Polish messages. Here a refusal is a status message on the page,
never a JSON body.

``@@archiwum-eksport`` (GET): with ``closed_from`` / ``closed_to``
(YYYY-MM-DD, from the period form) or ``case`` (case references) it first
shows the dry run (what the package will hold, every XML validated); with
``download=1`` it streams the zip. POST ``action=mark`` with ``uid`` marks the
named files archived.
"""

import os
import tempfile
from datetime import date

import transaction
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.protect import CheckAuthenticator
from zope.i18n import translate
from ZPublisher.Iterators import filestream_iterator

from mgops.caseflow import _
from mgops.caseflow.archive import exports
from mgops.caseflow.archive.rest import archive_message
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core.archive import ArchiveError
from mgops.caseflow.core.archive import DiscardTarget
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.services.archive_export.get import _package_name
from mgops.caseflow.services.archive_mark.post import ArchiveMarkPost


SKIP_REASONS = {
    "state": _("ui_archive_skipped_state", default="not closed"),
    "ended": _("ui_archive_skipped_ended", default="no end date"),
}


class Refused(Exception):
    """A message for the user; nothing is exported or changed."""


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
        except Refused as refusal:
            transaction.doom()
            self.status(str(refusal), "error")
            if self.request.method == "POST" or form.get("download"):
                return self.request.response.redirect(self.back_url())
        return self.index()

    # -- reading the request -----------------------------------------------

    @property
    def registry(self):
        return exports.registry_of(self.context)

    def _date(self, name):
        value = self.request.form.get(name)
        if not value:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise Refused(
                self.t(
                    _(
                        "ui_archive_bad_date",
                        default="Choose a valid date (DD.MM.YYYY).",
                    )
                )
            ) from None

    def _refused(self, error):
        if isinstance(error, ArchiveError):
            error = archive_message(error)
        return Refused(translate(error, context=self.request))

    # -- export --------------------------------------------------------------

    def _dry_run(self):
        if not self.selection.exported:
            return None
        try:
            summary = exports.write(self.selection, DiscardTarget())
        except ArchiveError as error:
            raise self._refused(error) from error
        return {
            "family_files": summary.family_files,
            "documents": summary.documents,
            "files": summary.files,
            "size": self.size(summary.bytes),
        }

    def _download(self):
        selection = self.selection
        if not selection.exported:
            raise self._refused(ArchiveError("archive_empty"))
        handle, path = tempfile.mkstemp(prefix="mgops-archive-", suffix=".zip")
        try:
            with os.fdopen(handle, "wb") as spool:
                summary = exports.write(selection, ZipTarget(spool))
            body = filestream_iterator(path, "rb")
        except ArchiveError as error:
            raise self._refused(error) from error
        finally:
            os.unlink(path)  # the open iterator keeps the data
        exports.log_export(
            self.registry, selection.exported, api.user.get_current().getId()
        )
        response = self.request.response
        response.setHeader("Content-Type", "application/zip")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{_package_name(self.context, selection)}"',
        )
        response.setHeader("Content-Length", str(len(body)))
        response.setHeader("X-Archive-Family-Files", str(summary.family_files))
        return body

    # -- marking as archived -------------------------------------------------

    def _mark(self):
        uids = [str(uid) for uid in _list(self.request.form.get("uid"))]
        if not uids:
            raise self._refused(
                _(
                    "archive_mark_nothing",
                    default="Name the exported family files to mark as archived.",
                )
            )
        registry = self.registry
        checks = ArchiveMarkPost()  # the service's checks, one for one
        files = []
        for uid in uids:
            family_file = uuidToObject(uid, unrestricted=True)
            problem = checks._problem(registry, uid, family_file)
            if problem is not None:
                raise self._refused(problem[0])
            files.append(family_file)
        for family_file in files:
            api.content.transition(obj=family_file, transition="archive")
            family_file.reindexObject()
        self.status(
            translate(
                _(
                    "ui_archive_marked",
                    default="Marked as archived: ${references}.",
                    mapping={"references": ", ".join(f.case_reference for f in files)},
                ),
                context=self.request,
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
        return [row for row in self.exported() if row["state"] == "closed"]

    def download_query(self):
        from urllib.parse import urlencode

        query = [("download", "1")]
        if self.closed_from:
            query.append(("closed_from", self.closed_from.isoformat()))
        if self.closed_to:
            query.append(("closed_to", self.closed_to.isoformat()))
        query += [("case", case) for case in self.cases]
        return urlencode(query)

    def may_mark(self):
        return self.is_archivist or self.has_role("Manager", api.portal.get())
