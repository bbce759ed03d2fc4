"""Dates on the add-on's standard views as the office writes them: 05.03.2026.

Plone shows a date field in display mode with the locale's short format (for
Polish ``26-03-05``); on the add-on's layer the same widgets show DD.MM.RRRR
(and HH:MM for a moment). Input stays the browser's date field.
"""

from plone.app.z3cform.widgets.datetime import DatetimeWidget
from plone.app.z3cform.widgets.datetime import DateWidget
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.component import getMultiAdapter
from zope.interface import implementer

from mgops.caseflow.browser.common import office_day
from mgops.caseflow.browser.common import office_moment


def _display(widget, render):
    if widget.mode != "display" or not widget.value:
        return None
    converter = getMultiAdapter((widget.field, widget), IDataConverter)
    value = converter.toFieldValue(widget.value)
    if value is widget.field.missing_value:
        return ""
    return render(value)


class OfficeDateWidget(DateWidget):
    def render(self):
        shown = _display(self, office_day)
        return super().render() if shown is None else shown


class OfficeDatetimeWidget(DatetimeWidget):
    def render(self):
        shown = _display(self, office_moment)
        return super().render() if shown is None else shown


@implementer(IFieldWidget)
def OfficeDateFieldWidget(field, request):
    return FieldWidget(field, OfficeDateWidget(request))


@implementer(IFieldWidget)
def OfficeDatetimeFieldWidget(field, request):
    return FieldWidget(field, OfficeDatetimeWidget(request))
