"""A family file's URL id comes from its case reference: ar-4010-12-2026."""

from plone.app.content.interfaces import INameFromTitle
from zope.component import adapter
from zope.interface import implementer

from mgops.caseflow.content.family_file import IFamilyFile


@implementer(INameFromTitle)
@adapter(IFamilyFile)
class NameFromCaseReference:
    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        # Dots would be read as a file extension by the URL normalizer.
        return (self.context.case_reference or "").replace(".", "-")
