"""``POST <family file>/@destroy`` {"reason": "…", "expert_consent": "…"}.

Only the archivist (or a Manager), only a closed file whose retention period
has ended, never category A, category BE only with the state archive's consent
(``gdpr.retention.destroy``). A protocol is written first; anything refused
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
        consent = str(body.get("expert_consent") or "").strip() or None
        return {"protocol": destroy(self.context, reason, consent)}
