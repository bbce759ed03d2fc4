"""1017 → 1018: the settings of qualified signatures are added, values kept."""

from plone import api
from plone.registry.interfaces import IRegistry
from plone.supermodel.interfaces import FIELDSETS_KEY
from zope.component import getUtility

from mgops.caseflow.settings import PREFIX
from mgops.caseflow.settings import ICaseflowSettings


PROFILE = "mgops.caseflow:default"
#: the records 1018 adds: the fieldset of qualified signatures
NEW = next(
    fieldset.fields
    for fieldset in ICaseflowSettings.queryTaggedValue(FIELDSETS_KEY)
    if fieldset.__name__ == "qualified_signatures"
)


def test_a_site_at_1012_gets_the_records_and_goes_on_signing_as_before(
    portal, setup_tool
):
    records = getUtility(IRegistry).records
    for name in NEW:
        del records[f"{PREFIX}.{name}"]
    api.portal.set_registry_record(f"{PREFIX}.signer_post", "Dyrektor")
    setup_tool.setLastVersionForProfile(PROFILE, "1012")

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    assert all(f"{PREFIX}.{name}" in records for name in NEW)
    # an update does not stop the office from signing: the switches stay off
    # until the administrator sets the TSA (new sites start with them on)
    assert not api.portal.get_registry_record(f"{PREFIX}.signatures_qualified_only")
    assert not api.portal.get_registry_record(f"{PREFIX}.timestamp_required")
    assert api.portal.get_registry_record(f"{PREFIX}.signer_post") == "Dyrektor"
    tool = api.portal.get_tool("portal_controlpanel")
    assert "mgops-caseflow-trust" in [a.getId() for a in tool.listActions()]


def test_a_new_site_starts_with_qualified_signatures_only():
    assert ICaseflowSettings["signatures_qualified_only"].default is True
    assert ICaseflowSettings["timestamp_required"].default is True
