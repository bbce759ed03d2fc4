"""A refusal raised below a Classic UI page that did not catch it: its status, in Polish.

Our own views catch refusals and show them (``CaseflowView.show_refusal``); a
refusal raised inside Plone's or Zope's own routes (``folder_rename``,
``manage_renameObject``, a paste: ``workflow/placement.py``) reached Plone's
generic error page as a 500. This exception view answers with the refusal's
status (403 for ``NotAllowed``) and its message, as the REST error view does.
"""

from html import escape

from Products.Five import BrowserView

from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.messages import translated


#: OFS's ``CopyError`` (no permission to copy, move or rename) is a 500 page in
#: Zope; it is a refusal like any other
COPY_REFUSED = NotAllowed(
    "error_copy_refused", "This cannot be copied, moved or renamed here."
)


class RefusalPage(BrowserView):
    def refusal(self):
        return self.context

    def __call__(self):
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


class CopyRefusalPage(RefusalPage):
    def refusal(self):
        return COPY_REFUSED
