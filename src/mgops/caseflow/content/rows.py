"""The tables of rows in our forms (members, plan goals, progress per goal).

collective.z3cform.datagridfield heads each column once and renders the cells'
inputs without a label of their own, so a screen reader announces an unnamed
field (axe: label, select-name; WCAG 2.1 1.3.1 and 4.1.2). Each cell here takes
its column's title as its accessible name.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldObjectWidget
from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import IFormLayer
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IField


class LabelledRowWidget(DataGridFieldObjectWidget):
    def updateWidgets(self, *args, **kwargs):
        super().updateWidgets(*args, **kwargs)
        for widget in self.widgets.values():
            if widget.label:
                widget.title = translate(widget.label, context=self.request)


class LabelledDataGridFieldWidget(DataGridFieldWidget):
    def createObjectWidget(self, idx):
        widget = FieldWidget(self.field.value_type, LabelledRowWidget(self.request))
        widget.setErrors = idx not in ("TT", "AA")
        return widget


@adapter(IField, IFormLayer)
@implementer(IFieldWidget)
def LabelledDataGridFieldFactory(field, request):
    return FieldWidget(field, LabelledDataGridFieldWidget(request))
