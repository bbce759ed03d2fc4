"""Install and uninstall of the add-on."""

from plone import api
from plone.browserlayer.utils import registered_layers

from mgops.caseflow.cli.demo import upgrade_if_needed
from mgops.caseflow.interfaces import IMgopsCaseflowLayer


class TestInstall:
    def test_product_installed(self, installer):
        assert installer.is_product_installed("mgops.caseflow")

    def test_profile_version_1026(self, setup_tool):
        assert setup_tool.getLastVersionForProfile("mgops.caseflow:default") == (
            "1026",
        )

    def test_a_1000_site_is_upgraded_when_started(self, portal, setup_tool):
        """``caseflow-demo`` (so ``make start``) runs the pending upgrade steps."""
        setup_tool.setLastVersionForProfile("mgops.caseflow:default", "1000")
        catalog = api.portal.get_tool("portal_catalog")
        catalog.delIndex("obligation_count")
        assert upgrade_if_needed(portal, portal.REQUEST) == ("1000", "1026")
        assert "obligation_count" in catalog.indexes()
        assert upgrade_if_needed(portal, portal.REQUEST) is None

    def test_browser_layer_registered(self, integration):
        assert IMgopsCaseflowLayer in registered_layers()


class TestContent:
    def test_registry_and_register_are_created(self, portal):
        assert portal["akta"].portal_type == "FamilyFileRegistry"
        assert portal["rejestr-decyzji"].portal_type == "DecisionRegister"

    def test_staff_groups_hold_their_roles(self, portal):
        registry = portal["akta"]
        assert registry.get_local_roles_for_userid("pracownicy_socjalni") == (
            "SocialWorker",
        )
        assert registry.get_local_roles_for_userid("asystenci_rodziny") == (
            "FamilyAssistant",
        )
        assert "Head" in api.group.get_roles(groupname="kierownictwo")
        assert "Archivist" in api.group.get_roles(groupname="archiwum")

    def test_roles_are_offered_in_the_sharing_tab(self, portal):
        from plone.app.workflow.interfaces import ISharingPageRole
        from zope.component import getUtilitiesFor
        from zope.i18n import translate

        titles = {
            name: translate(utility.title, target_language="pl")
            for name, utility in getUtilitiesFor(ISharingPageRole)
        }
        assert titles["SocialWorker"] == "Pracownik socjalny"
        assert titles["FamilyAssistant"] == "Asystent rodziny"
        assert titles["Head"] == "Kierownik ośrodka"
        assert titles["Archivist"] == "Archiwista"


class TestUninstall:
    def test_uninstall_removes_layer_and_settings_but_keeps_records(
        self, portal, installer
    ):
        with api.env.adopt_roles(["Manager"]):
            installer.uninstall_product("mgops.caseflow")
        assert not installer.is_product_installed("mgops.caseflow")
        assert IMgopsCaseflowLayer not in registered_layers()
        assert (
            api.portal.get_registry_record(
                "mgops.caseflow.case_reference_prefix", default=None
            )
            is None
        )
        # Records are never destroyed by uninstalling: the files stay.
        assert "akta" in portal
