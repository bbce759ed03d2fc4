"""Install and uninstall of the add-on."""

from plone.browserlayer.utils import registered_layers

from mgops.caseflow.interfaces import IMgopsCaseflowLayer


class TestInstall:
    def test_product_installed(self, installer):
        assert installer.is_product_installed("mgops.caseflow")

    def test_profile_version_1000(self, setup_tool):
        assert setup_tool.getLastVersionForProfile("mgops.caseflow:default") == (
            "1000",
        )

    def test_browser_layer_registered(self, integration):
        assert IMgopsCaseflowLayer in registered_layers()
