"""How a refusal leaves a request: one error view for the whole family.

A service (or the domain function it calls) raises a ``CaseflowError``; the
publisher aborts the transaction — so a refusal changes nothing, not even a
register counter — and looks up the error view for the exception, which plone.rest
registers for ``Exception``. ``RefusalHandling`` is more specific: it answers with
the refusal's status and ``{"error": {"type", "message", "reason"}}``, the message
in the request's language (Polish on the centre's site), ``reason`` the stable
message id. A service therefore never builds an error body or dooms a
transaction itself; it parses, calls and replies.

The same view answers a refusal raised below a Classic UI page that did not
catch it (Plone's and Zope's own routes: ``folder_rename``, a paste, a move that
``workflow/placement.py`` refuses) with its status and its message as a small HTML
page, instead of Plone's generic 500 page; Zope's own ``CopyError`` is such a
refusal too. Our views catch refusals and show them themselves
(``CaseflowView.show_refusal``). Registered for the add-on's layer, which API
requests carry as well; the exception is the more specific part of the lookup.

A request body that is not JSON (or not UTF-8) is a 400, not a 500: plone.restapi
raises ``DeserializationError`` for it, which plone.rest's view turns into 500
because the class has no status; ``DeserializationErrorHandling`` says so in Polish.
"""

import json
from html import escape

from OFS.CopySupport import CopyError
from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from plone.restapi.exceptions import DeserializationError
from zope.component import adapter
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.content.family_file import copy_refused
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.interfaces import IMgopsCaseflowLayer
from mgops.caseflow.messages import translated


def _answer(request, status, body):
    response = request.response
    response.setHeader("Content-Type", "application/json")
    response.setStatus(status, lock=1)
    response.setBody(json.dumps(body, indent=2, sort_keys=True), lock=1)
    response._has_challenged = True


def _refusal_page(request, error):
    response = request.response
    response.setStatus(error.status, lock=1)
    response.setHeader("Content-Type", "text/html; charset=utf-8")
    message = escape(translated(error, request))
    response.setBody(
        '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">'
        f"<title>{message}</title></head><body><main>"
        f'<p class="portalMessage error">{message}</p></main></body></html>',
        lock=1,
    )


def render_refusal(request, error: CaseflowError):
    """JSON for an API request, a small Polish page for a browser."""
    if not IAPIRequest.providedBy(request):
        return _refusal_page(request, error)
    _answer(
        request,
        error.status,
        {
            "error": {
                "type": error.type,
                "message": translated(error, request),
                "reason": error.msgid,
            }
        },
    )


@adapter(CaseflowError, IMgopsCaseflowLayer)
class RefusalHandling(ErrorHandling):
    """The error view of every refusal of the add-on."""

    def __call__(self):
        render_refusal(self.request, self.context)


@adapter(CopyError, IMgopsCaseflowLayer)
class CopyRefusalHandling(ErrorHandling):
    """Zope's ``CopyError``, as the refusal it is."""

    def __call__(self):
        render_refusal(self.request, copy_refused())


@adapter(DeserializationError, IAPIRequest)
class DeserializationErrorHandling(ErrorHandling):
    def __call__(self):
        data = self.render_exception(self.context) or {}
        data["type"] = "BadRequest"
        data["message"] = translate(
            _(
                "error_unreadable_json",
                default="The request body is not valid JSON in UTF-8.",
            ),
            context=self.request,
        )
        _answer(self.request, 400, data)
