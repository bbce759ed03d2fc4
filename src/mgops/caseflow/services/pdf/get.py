"""``GET <document>/@pdf``: the contract, plan, assessment or decision as PDF;
``GET <registry>/@pdf?protocol=N``: the destruction protocol N.

The same PDF as the document's page offers (``browser/pdf.py``, the view named
``pdf``), under the same permission: whoever may view the document.
"""

from plone.restapi.services import Service
from zope.component import getMultiAdapter


class PdfGet(Service):
    def render(self):
        self.check_permission()
        return getMultiAdapter((self.context, self.request), name="pdf")()
