"""1017 → 1018: the settings of qualified signatures (ICaseflowSettings,
"qualified_signatures") and the Site Setup page of the trust services.

A new site starts strict (qualified signatures only, every one timestamped).
An updated site keeps signing as it did until its administrator has set the
TSA and switches both on: an update must not stop an office from signing its
decisions on the morning after.
"""

from plone import api

from mgops.caseflow import logger
from mgops.caseflow.settings import PREFIX


def keep_signing_as_before(context):
    api.portal.set_registry_record(f"{PREFIX}.signatures_qualified_only", False)
    api.portal.set_registry_record(f"{PREFIX}.timestamp_required", False)
    logger.warning(
        "Profile 1018: signing goes on as before (non-qualified certificates, no "
        "timestamp); set the TSA and switch on 'Only qualified electronic "
        "signatures' and 'Every signature timestamped' in Site Setup"
    )
