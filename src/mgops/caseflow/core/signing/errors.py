"""Errors of the signing package, of the ``core.errors`` family of refusals.

``reason`` is a stable English message id, ``default`` the English text with
``${name}`` placeholders filled from ``mapping``; the Plone layer translates them.
The subclasses let a caller tell a wrong password (ask again) from a refused
upload (say why) without reading the reason.
"""

from mgops.caseflow.core.errors import CaseflowError


class SignatureError(CaseflowError):
    """Something about a decision's signature cannot be done or accepted."""

    @property
    def reason(self) -> str:
        return self.msgid


class UnsafeXmlError(SignatureError):
    """An untrusted XML input was refused before anything read its content."""


class KeystoreError(SignatureError):
    """The head's keystore could not be opened or used for signing."""


class VerificationError(SignatureError):
    """A signed decision failed one of the checks; nothing may be stored."""


def malformed_signature(detail: str) -> VerificationError:
    return VerificationError(
        "signature_malformed",
        "The signature is not a valid XAdES signature (${detail}).",
        detail=detail,
    )
