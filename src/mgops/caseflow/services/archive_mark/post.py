"""``POST <registry or family file>/@archive-mark``: exported closed files → archived.

Body ``{"export_id": "…"}`` (the ``X-Archive-Export-Id`` of an export) or
``{"uids": ["…", …]}``; on a family file an empty body means that file.
All or nothing, with the checks of ``archive.marking``.
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services import Service

from mgops.caseflow.archive.marking import mark_archived
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.services.csrf import refuse_cross_site


class ArchiveMarkPost(Service):
    def reply(self):
        refuse_cross_site(self.request)
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - an unreadable body names no files
            body = {}
        body = body if isinstance(body, dict) else {}
        uids = body.get("uids")
        if uids is not None and not (
            isinstance(uids, list) and all(isinstance(uid, str) for uid in uids)
        ):  # a number here was a 500 (found by the schemathesis run)
            raise CaseflowError(
                "archive_mark_bad_uids",
                'Give "uids" as a list of the family files\' UIDs (texts).',
            )
        files = mark_archived(self.context, export_id=body.get("export_id"), uids=uids)
        return {
            "archived": [f.case_reference for f in files],
            "review_state": states.ARCHIVED,
        }
