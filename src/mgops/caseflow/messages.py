"""A refusal of the ``core.errors`` family as the message a person reads.

Both renderers of refusals — the REST error view (``services/error_views.py``) and the
UI's status message (``browser/common.py``) — and the field validators of
``content/`` translate through these two functions, so a refusal reads the same
on every route.
"""

from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.core.errors import CaseflowError


def message_for(error: CaseflowError):
    """The translatable message of a refusal: its id, English default, mapping."""
    return _(error.msgid, default=error.default, mapping=error.mapping)


def translated(error: CaseflowError, request) -> str:
    """The refusal's text in the request's language (Polish on the centre's site)."""
    return translate(message_for(error), context=request)
