"""``POST <registry or family file>/@archive-mark``: exported closed files → archived.

Body ``{"export_id": "…"}`` (the ``X-Archive-Export-Id`` of an export) or
``{"uids": ["…", …]}``; on a family file an empty body means that file.
All or nothing: every file must be ``closed`` and have gone out in an export
(the export log says so), and the user must be allowed the workflow's
``archive`` transition (archivist, Manager); otherwise nothing moves and the
answer says which file and why.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides

from mgops.caseflow import _
from mgops.caseflow.archive import exports
from mgops.caseflow.archive.rest import json_reply
from mgops.caseflow.archive.rest import refusal
from mgops.caseflow.content.family_file import IFamilyFile


class ArchiveMarkPost(Service):
    def render(self):
        self.check_permission()
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - an unreadable body names no files
            body = {}
        body = body if isinstance(body, dict) else {}
        registry = exports.registry_of(self.context)
        if body.get("export_id"):
            uids = exports.uids_of_export(registry, str(body["export_id"]))
        else:
            uids = [str(uid) for uid in body.get("uids") or ()]
            if not uids and IFamilyFile.providedBy(self.context):
                uids = [self.context.UID()]
        if not uids:
            return refusal(
                self.request,
                _(
                    "archive_mark_nothing",
                    default="Name the exported family files to mark as archived.",
                ),
                reason="archive_mark_nothing",
            )
        files = []
        for uid in uids:
            family_file = uuidToObject(uid, unrestricted=True)
            problem = self._problem(registry, uid, family_file)
            if problem is not None:
                return refusal(self.request, problem[0], status=problem[1])
            files.append(family_file)
        for family_file in files:
            api.content.transition(obj=family_file, transition="archive")
            family_file.reindexObject()
        return json_reply(
            self.request,
            {
                "archived": [f.case_reference for f in files],
                "review_state": "archived",
            },
        )

    def _problem(self, registry, uid, family_file):
        if family_file is None or not IFamilyFile.providedBy(family_file):
            return (
                _(
                    "archive_mark_unknown",
                    default="${uid} is not a family file of this registry.",
                    mapping={"uid": uid},
                ),
                400,
            )
        reference = family_file.case_reference
        if api.content.get_state(obj=family_file) != "closed":
            return (
                _(
                    "archive_mark_not_closed",
                    default="The family file ${reference} is not closed; only closed "
                    "files can be marked as archived. Nothing was changed.",
                    mapping={"reference": reference},
                ),
                400,
            )
        if exports.exported_in(registry, uid) is None:
            return (
                _(
                    "archive_mark_not_exported",
                    default="The family file ${reference} has not been exported as "
                    "an archival package yet. Nothing was changed.",
                    mapping={"reference": reference},
                ),
                400,
            )
        transitions = {
            t["id"]
            for t in api.portal.get_tool("portal_workflow").getTransitionsFor(
                family_file
            )
        }
        if "archive" not in transitions:
            return (
                _(
                    "archive_mark_forbidden",
                    default="Only an archivist may mark the family file ${reference} "
                    "as archived. Nothing was changed.",
                    mapping={"reference": reference},
                ),
                403,
            )
        return None
