"""Shared by the archive endpoints: refusals as a status and translated JSON."""

import json

import transaction
from zope.i18n import translate
from zope.i18nmessageid import Message

from mgops.caseflow import _
from mgops.caseflow.core.archive import ArchiveError


#: errors of the deployment, not of the request: the server answers 500
SERVER_ERRORS = {"archive_schemas_missing"}


def archive_message(error: ArchiveError):
    return _(error.msgid, default=error.default, mapping=error.mapping)


def refusal(request, message, status=400, reason="") -> str:
    """Doom the transaction (nothing is stored) and answer with a JSON error body."""
    transaction.doom()
    if isinstance(message, ArchiveError):
        reason = message.msgid
        status = 500 if reason in SERVER_ERRORS else status
        message = archive_message(message)
    elif isinstance(message, Message):
        reason = reason or str(message)
    types = {400: "BadRequest", 403: "Forbidden", 409: "Conflict", 500: "InternalError"}
    response = request.response
    response.setStatus(status)
    response.setHeader("Content-Type", "application/json")
    return json.dumps(
        {
            "error": {
                "type": types.get(status, "Error"),
                "reason": reason,
                "message": translate(message, context=request),
            }
        }
    )


def json_reply(request, body: dict) -> str:
    request.response.setHeader("Content-Type", "application/json")
    return json.dumps(body)
