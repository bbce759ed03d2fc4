"""A refusal raised below a Classic UI page that did not catch it: its status, in Polish.

Our own views catch refusals and show them (``CaseflowView.show_refusal``); a
refusal raised inside Plone's or Zope's own routes (``folder_rename``,
``manage_renameObject``, a paste: ``workflow/placement.py``) reached Plone's
generic error page as a 500. This exception view answers with the refusal's
status (403 for ``NotAllowed``) and its message, as the REST error view does.
"""

from html import escape

from plone.rest.interfaces import IAPIRequest
from Products.Five import BrowserView
from zope.component import getSiteManager
from zope.interface import Interface
from zope.interface import providedBy

from mgops.caseflow.content.family_file import copy_refused
from mgops.caseflow.messages import translated


class RefusalPage(BrowserView):
    def refusal(self):
        return self.context

    def __call__(self):
        if IAPIRequest.providedBy(self.request):
            return self.rest_answer()
        refusal = self.refusal()
        response = self.request.response
        response.setStatus(refusal.status, lock=1)
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        message = escape(translated(refusal, self.request))
        return (
            '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">'
            f"<title>{message}</title></head><body><main>"
            f'<p class="portalMessage error">{message}</p></main></body></html>'
        )

    def rest_answer(self):
        """A REST call: the add-on's layer would pick this page before the REST
        error views of ``services/error_views.py`` (the layer is marked on the
        request before plone.rest's ``IAPIRequest``), and REST clients got HTML."""
        view = getSiteManager().adapters.lookup(
            (providedBy(self.context), IAPIRequest), Interface, name="index.html"
        )
        return view(self.context, self.request)()


class CopyRefusalPage(RefusalPage):
    def refusal(self):
        return copy_refused()
