"""``GET <registry>/@retention``: closed files whose retention period has ended.

For the archivist to decide on (``?all=1`` lists every closed file with its
dates); ``protocols`` lists the destruction protocols written so far.
"""

import datetime

from plone import api
from plone.restapi.services import Service

from mgops.caseflow.core.rules.retention import retention_over
from mgops.caseflow.gdpr.retention import CLOSED_STATES
from mgops.caseflow.gdpr.retention import closed_on
from mgops.caseflow.gdpr.retention import protocols
from mgops.caseflow.gdpr.retention import retention_of


class RetentionGet(Service):
    def reply(self):
        today = datetime.date.today()
        everything = self.request.form.get("all") in ("1", "true")
        items = []
        for brain in api.content.find(
            context=self.context, portal_type="FamilyFile", review_state=CLOSED_STATES
        ):
            family_file = brain.getObject()
            over = retention_over(
                family_file.archival_category, closed_on(family_file), today
            )
            if over or everything:
                items.append(dict(retention_of(family_file), retention_over=over))
        return {
            "@id": f"{self.context.absolute_url()}/@retention",
            "items_total": len(items),
            "items": items,
            "protocols": protocols(self.context),
        }
