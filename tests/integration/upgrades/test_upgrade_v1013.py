"""1012 → 1013: the settings of qualified signatures are added, values kept."""

from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

from mgops.caseflow.settings import PREFIX


PROFILE = "mgops.caseflow:default"
NEW = (
    "signatures_qualified_only",
    "signatures_require_sscd",
    "timestamp_required",
    "tsa_url",
    "tsa_username",
    "tsa_password",
    "tsa_certificates",
    "revocation_timeout",
    "trusted_list_signing_certificates",
)


def test_a_site_at_1012_gets_the_records_of_qualified_signatures(portal, setup_tool):
    records = getUtility(IRegistry).records
    for name in NEW:
        del records[f"{PREFIX}.{name}"]
    api.portal.set_registry_record(f"{PREFIX}.signer_post", "Dyrektor")
    setup_tool.setLastVersionForProfile(PROFILE, "1012")

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1013",)
    assert all(f"{PREFIX}.{name}" in records for name in NEW)
    assert api.portal.get_registry_record(f"{PREFIX}.signatures_qualified_only")
    assert api.portal.get_registry_record(f"{PREFIX}.timestamp_required")
    assert api.portal.get_registry_record(f"{PREFIX}.signer_post") == "Dyrektor"
