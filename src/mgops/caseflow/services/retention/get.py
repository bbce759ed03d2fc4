"""``GET <registry>/@retention``: closed files whose retention period has ended.

For the archivist to decide on (``?all=1`` lists every closed file with its
dates); ``protocols`` lists the destruction protocols written so far.
"""

from plone.restapi.services import Service

from mgops.caseflow.gdpr.retention import past_retention
from mgops.caseflow.gdpr.retention import protocols


class RetentionGet(Service):
    def reply(self):
        everything = self.request.form.get("all") in ("1", "true")
        items = past_retention(self.context, everything=everything)
        return {
            "@id": f"{self.context.absolute_url()}/@retention",
            "items_total": len(items),
            "items": items,
            "protocols": protocols(self.context),
        }
