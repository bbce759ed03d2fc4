"""1002 → 1005: the centre's address, logo and statement; one name for all uses."""

import pytest
from plone import api
from plone.registry import Record
from plone.registry import field
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

from mgops.caseflow.settings import DEFAULT_ACCESSIBILITY_STATEMENT
from mgops.caseflow.settings import DEFAULT_CENTRE_NAME
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.settings import ICaseflowSettings
from mgops.caseflow.settings import setting


PROFILE = "mgops.caseflow:default"
INTERFACE = "mgops.caseflow.settings.ICaseflowSettings"
#: the records 1005 adds
NEW = ("centre_address", "centre_logo", "accessibility_statement")
OLD_NAME = f"{PREFIX}.archive_institution_name"


@pytest.fixture
def site_of_1002(portal, setup_tool):
    """The site as profile 1002 left it: no address, logo or statement; the
    archive's institution name in a record of its own."""

    def make(archive_name, centre_name=DEFAULT_CENTRE_NAME, regon="123456785"):
        records = getUtility(IRegistry).records
        for name in NEW:
            del records[f"{PREFIX}.{name}"]
        name_field = field.TextLine(title="Creating institution")
        name_field.interfaceName = INTERFACE
        name_field.fieldName = "archive_institution_name"
        records[OLD_NAME] = Record(name_field, archive_name)
        records[f"{PREFIX}.centre_name"].value = centre_name
        records[f"{PREFIX}.archive_institution_regon"].value = regon
        api.portal.set_registry_record(f"{PREFIX}.caseload_limit", 12)
        setup_tool.setLastVersionForProfile(PROFILE, "1002")

    return make


def upgrade(setup_tool):
    setup_tool.upgradeProfile(PROFILE)


def test_a_site_at_1002_goes_to_1005(site_of_1002, setup_tool):
    site_of_1002("Gminny Ośrodek Pomocy Społecznej w Nowym Mieście")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1002",)
    upgrade(setup_tool)
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )


def test_the_new_records_are_added_and_the_values_kept(site_of_1002, setup_tool):
    site_of_1002(DEFAULT_CENTRE_NAME, centre_name="MGOPS w Nowym Mieście")
    upgrade(setup_tool)
    records = getUtility(IRegistry).records
    for name in ICaseflowSettings.names():
        assert records[f"{PREFIX}.{name}"].field.interfaceName == INTERFACE
    assert setting("centre_name") == "MGOPS w Nowym Mieście"
    assert setting("archive_institution_regon") == "123456785"
    assert setting("caseload_limit") == 12
    assert setting("centre_address") == ""
    assert setting("centre_logo") is None
    assert setting("accessibility_statement") == DEFAULT_ACCESSIBILITY_STATEMENT


def test_the_archives_own_name_becomes_the_centres(site_of_1002, setup_tool):
    site_of_1002("Gminny Ośrodek Pomocy Społecznej w Nowym Mieście")
    upgrade(setup_tool)
    assert setting("centre_name") == "Gminny Ośrodek Pomocy Społecznej w Nowym Mieście"
    assert OLD_NAME not in getUtility(IRegistry).records


def test_the_centres_own_name_wins_and_the_other_is_logged(
    site_of_1002, setup_tool, caplog
):
    site_of_1002("GOPS Nowe Miasto", centre_name="MGOPS w Nowym Mieście")
    upgrade(setup_tool)
    assert setting("centre_name") == "MGOPS w Nowym Mieście"
    assert OLD_NAME not in getUtility(IRegistry).records
    assert "GOPS Nowe Miasto" in caplog.text


def test_a_stored_regon_that_is_not_valid_is_kept_and_logged(
    site_of_1002, setup_tool, caplog
):
    site_of_1002(DEFAULT_CENTRE_NAME, regon="123456784")
    upgrade(setup_tool)
    assert setting("archive_institution_regon") == "123456784"
    assert "123456784" in caplog.text
