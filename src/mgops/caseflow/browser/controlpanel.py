"""Site Setup → Akta rodziny (MGOPS): the centre's settings, as a form and over REST."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.formwidget.namedfile.widget import NamedImageFieldWidget
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import Interface
from zope.interface import Invalid

from mgops.caseflow import _
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.visits import check_visit_window
from mgops.caseflow.interfaces import IMgopsCaseflowLayer
from mgops.caseflow.messages import translated
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
        default="The centre's settings: its name, address, REGON and logo, case "
        "references, caseload, visiting hours, the register of decisions, the "
        "archival export and the accessibility statement.",
    )
    default_fieldset_label = _("fieldset_centre", default="Centre")

    def extractData(self, setErrors=True):
        """The field checks, then the window's order, which spans two fields.

        Not a schema invariant: plone.restapi's ``@controlpanels`` cannot check
        those on a registry schema. Over REST each hour is still bounded to
        07:00–21:00 by its field, and ``settings.visit_window`` never reads an
        empty window.
        """
        data, errors = super().extractData(setErrors=setErrors)
        start, end = data.get("visit_hours_start"), data.get("visit_hours_end")
        if errors or not (start and end):
            return data, errors
        try:
            check_visit_window(start, end)
        except RuleViolation as violation:
            widget = self._widget("visit_hours_end")
            snippet = getMultiAdapter(
                (
                    Invalid(translated(violation, self.request)),
                    self.request,
                    widget,
                    widget.field,
                    self,
                    self.context,
                ),
                IErrorViewSnippet,
            )
            snippet.update()
            widget.error = snippet  # shown next to the field, as a field's own
            errors += (snippet,)
        return data, errors

    def _widget(self, name):
        for form in (self, *self.groups):
            if name in form.widgets:
                return form.widgets[name]
        raise KeyError(name)

    def updateFields(self):
        super().updateFields()
        # An upload field, as Site Setup → Site has for Plone's own logo.
        self.fields["centre_logo"].widgetFactory = NamedImageFieldWidget

    def applyChanges(self, data):
        # A password field is shown empty: left so, it keeps the stored password.
        for name in ("directory_bind_password", "tsa_password"):
            if not data.get(name):
                data.pop(name, None)
        return super().applyChanges(data)


CaseflowSettingsView = layout.wrap_form(CaseflowSettingsForm, ControlPanelFormWrapper)


@adapter(Interface, IMgopsCaseflowLayer)
class CaseflowControlpanel(RegistryConfigletPanel):
    """The same settings for plone.restapi's @controlpanels (Volto)."""

    schema = ICaseflowSettings
    schema_prefix = PREFIX
    configlet_id = CONFIGLET_ID
    configlet_category_id = "Products"
