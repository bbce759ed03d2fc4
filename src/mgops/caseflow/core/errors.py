"""The one family of refusals: every "no" the product says is a ``CaseflowError``.

A refusal carries a stable English message id, its English default text with
``${name}`` placeholders, the values for them (``mapping``), and the HTTP status
it answers with. The pure core raises these and stays free of Plone; the Plone
half raises them too, wherever the refusal is found. Two places turn them into
what a person reads, in Polish: ``services/error_views.py`` renders a refusal raised
inside any REST call as ``{"error": {"type", "message", "reason"}}`` with its
status (the publisher aborts the transaction, so a refusal changes nothing), and
``browser/common.py::refusal_shown`` shows one as a status message in the UI.
"""

import re


#: HTTP status → the ``type`` of the error body, as plone.restapi names them
STATUS_TYPES = {
    400: "BadRequest",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    500: "InternalError",
}

PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


class CaseflowError(ValueError):
    """A request that cannot be done, and why (400 unless a subclass says else).

    ``ValueError`` so that zope.schema constraints and the standard library
    treat a refused value as what it is.
    """

    status = 400

    def __init__(self, msgid: str, default: str, **mapping):
        self.msgid = msgid
        self.default = default
        self.mapping = mapping
        super().__init__(self.text)

    @property
    def text(self) -> str:
        """The English message with its placeholders filled."""
        return PLACEHOLDER.sub(
            lambda match: str(self.mapping.get(match[1], match[0])), self.default
        )

    @property
    def type(self) -> str:
        return STATUS_TYPES.get(self.status, "Error")


class RuleViolation(CaseflowError):
    """A rule of the process or the law was broken; ``rule`` names it."""

    @property
    def rule(self) -> str:
        return self.msgid


class NotAllowed(CaseflowError):
    """The request is understood, but this user may not do it (403)."""

    status = 403


class Conflict(CaseflowError):
    """The request clashes with what is already recorded (409)."""

    status = 409


class SetupError(CaseflowError):
    """The deployment, not the request, is at fault (500), e.g. a missing schema."""

    status = 500
