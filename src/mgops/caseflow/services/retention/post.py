"""``POST <family file>/@destroy`` {"reason": "…", "archive_consent": {"archive":
"…", "reference": "…", "date": "YYYY-MM-DD"}, "expert_consent": "…"}.

Only the archivist (or a Manager), only a closed file whose retention period
has ended, never category A, every category B only with the consent of the
director of the state archive, category BE also with the archive's expert
assessment (``gdpr.retention.destroy``). A protocol is written first; anything refused
changes nothing and says why in Polish.
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services import Service

from mgops.caseflow.gdpr.retention import destroy
from mgops.caseflow.services.csrf import refuse_cross_site


class DestroyPost(Service):
    def reply(self):
        refuse_cross_site(self.request)
        try:
            body = json_body(self.request)
        except Exception:  # noqa: BLE001 - an unreadable body has no reason
            body = {}
        body = body if isinstance(body, dict) else {}
        reason = str(body.get("reason") or "").strip()
        expert = str(body.get("expert_consent") or "").strip() or None
        return {
            "protocol": destroy(
                self.context, reason, expert, body.get("archive_consent")
            )
        }
