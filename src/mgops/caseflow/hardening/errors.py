"""A request body that is not JSON (or not UTF-8) is a 400, not a 500.

plone.restapi raises ``DeserializationError`` for it, which plone.rest's error
view turns into 500 ("internal error") because the class has no status. This
view, more specific than plone.rest's (registered for ``Exception``), answers
400 with a Polish message; everything else about the error body stays the same.
"""

import json

from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from plone.restapi.exceptions import DeserializationError
from zope.component import adapter
from zope.i18n import translate

from mgops.caseflow import _


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
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(400, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        response._has_challenged = True
