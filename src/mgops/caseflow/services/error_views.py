"""How a refusal leaves a REST call: one error view for the whole family.

A service (or the domain function it calls) raises a ``CaseflowError``; the
publisher aborts the transaction — so a refusal changes nothing, not even a
register counter — and looks up the error view for the exception, which plone.rest
registers for ``Exception``. ``RefusalHandling`` is more specific: it answers with
the refusal's status and ``{"error": {"type", "message", "reason"}}``, the message
in the request's language (Polish on the centre's site), ``reason`` the stable
message id. A service therefore never builds an error body or dooms a
transaction itself; it parses, calls and replies.

A request body that is not JSON (or not UTF-8) is a 400, not a 500: plone.restapi
raises ``DeserializationError`` for it, which plone.rest's view turns into 500
because the class has no status; ``DeserializationErrorHandling`` says so in Polish.
"""

import json

from OFS.CopySupport import CopyError
from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from plone.restapi.exceptions import DeserializationError
from zope.component import adapter
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.content.family_file import copy_refused
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.messages import translated


def _answer(request, status, body):
    response = request.response
    response.setHeader("Content-Type", "application/json")
    response.setStatus(status, lock=1)
    response.setBody(json.dumps(body, indent=2, sort_keys=True), lock=1)
    response._has_challenged = True


@adapter(CaseflowError, IAPIRequest)
class RefusalHandling(ErrorHandling):
    """The error view of every refusal of the add-on."""

    def refusal(self):
        return self.context

    def __call__(self):
        error = self.refusal()
        _answer(
            self.request,
            error.status,
            {
                "error": {
                    "type": error.type,
                    "message": translated(error, self.request),
                    "reason": error.msgid,
                }
            },
        )


@adapter(CopyError, IAPIRequest)
class CopyRefusalHandling(RefusalHandling):
    """OFS's refusal to cut, copy or rename (``@move``, ``@copy``): a 403, not
    plone.rest's 500."""

    def refusal(self):
        return copy_refused()


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
