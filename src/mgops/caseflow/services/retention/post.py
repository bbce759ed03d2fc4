"""``POST <family file>/@destroy`` {"reason": "…", "expert_consent": "…"}.

Only the archivist (or a Manager), only a closed file whose retention period
has ended, never category A, category BE only with the state archive's consent
(Act of 14 July 1983 on the national archival resource and archives, art. 5).
A protocol is written first (``gdpr.retention.destroy``); anything refused
changes nothing and says why in Polish.
"""

import datetime

import transaction
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides

from mgops.caseflow import _
from mgops.caseflow.core.rules.retention import needs_expert_assessment
from mgops.caseflow.core.rules.retention import retention_ends
from mgops.caseflow.core.rules.retention import retention_over
from mgops.caseflow.gdpr.retention import CLOSED_STATES
from mgops.caseflow.gdpr.retention import closed_on
from mgops.caseflow.gdpr.retention import destroy
from mgops.caseflow.services.errors import error


class DestroyPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - an unreadable body has no reason
            body = {}
        body = body if isinstance(body, dict) else {}
        reason = str(body.get("reason") or "").strip()
        consent = str(body.get("expert_consent") or "").strip() or None
        family_file = self.context
        user = api.user.get_current()
        roles = api.user.get_roles(user=user, obj=family_file)
        if not {"Archivist", "Manager"} & set(roles):
            return self._refuse(
                403,
                _(
                    "error_destroy_role",
                    default="Only the archivist destroys family files.",
                ),
            )
        category = family_file.archival_category
        closed = closed_on(family_file)
        if api.content.get_state(family_file) not in CLOSED_STATES or not (
            retention_over(category, closed, datetime.date.today())
        ):
            ends = retention_ends(category, closed) if closed else None
            return self._refuse(
                400,
                _(
                    "error_destroy_retention",
                    default="The file ${reference} (category ${category}) may not be "
                    "destroyed: it is not closed or its retention period has not "
                    "ended (ends: ${ends}).",
                    mapping={
                        "reference": family_file.case_reference,
                        "category": category,
                        "ends": ends.isoformat() if ends else "—",
                    },
                ),
            )
        if not reason or len(reason) > 2000:
            return self._refuse(
                400,
                _(
                    "error_destroy_reason",
                    default="Give the reason for destruction (at most 2000 "
                    "characters).",
                ),
            )
        if needs_expert_assessment(category) and not consent:
            return self._refuse(
                400,
                _(
                    "error_destroy_consent",
                    default="Category BE files are destroyed only with the state "
                    "archive's consent: give its reference in expert_consent.",
                ),
            )
        protocol = destroy(family_file, reason, user.getId(), consent)
        return {"protocol": protocol}

    def _refuse(self, status, message):
        transaction.doom()
        return error(
            self.request,
            status,
            "Forbidden" if status == 403 else "BadRequest",
            translate(message, context=self.request),
        )
