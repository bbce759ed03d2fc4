"""Site Setup → Akta rodziny (MGOPS): the centre's settings, as a form and over REST."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from zope.component import adapter
from zope.interface import Interface

from mgops.caseflow import _
from mgops.caseflow.interfaces import IMgopsCaseflowLayer
from mgops.caseflow.settings import PREFIX
from mgops.caseflow.settings import ICaseflowSettings


#: the configlet's action id in profiles/default/controlpanel.xml
CONFIGLET_ID = "mgops-caseflow"


class CaseflowSettingsForm(RegistryEditForm):
    schema = ICaseflowSettings
    schema_prefix = PREFIX
    label = _("controlpanel_title", default="Family files (MGOPS)")
    description = _(
        "controlpanel_description",
        default="The centre's settings: letterhead, case references, caseload, "
        "visiting hours, the register of decisions and the archival export.",
    )
    default_fieldset_label = _("fieldset_centre", default="Centre")

    def applyChanges(self, data):
        # A password field is shown empty: left so, it keeps the stored password.
        if not data.get("directory_bind_password"):
            data.pop("directory_bind_password", None)
        return super().applyChanges(data)


CaseflowSettingsView = layout.wrap_form(CaseflowSettingsForm, ControlPanelFormWrapper)


@adapter(Interface, IMgopsCaseflowLayer)
class CaseflowControlpanel(RegistryConfigletPanel):
    """The same settings for plone.restapi's @controlpanels (Volto)."""

    schema = ICaseflowSettings
    schema_prefix = PREFIX
    configlet_id = CONFIGLET_ID
    configlet_category_id = "Products"
