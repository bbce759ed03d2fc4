"""Errors of the signing package, shaped like ``rules.errors.RuleViolation``.

``reason`` is a stable English message id, ``default`` the English text with
``${name}`` placeholders filled from ``mapping``; the Plone layer translates them.
The subclasses let a caller tell a wrong password (ask again) from a refused
upload (say why) without reading the reason.
"""


class SignatureError(ValueError):
    """Something about a decision's signature cannot be done or accepted."""

    def __init__(self, reason: str, default: str, **mapping):
        self.reason = reason
        self.default = default
        self.mapping = mapping
        super().__init__(self.text)

    @property
    def text(self) -> str:
        text = self.default
        for name, value in self.mapping.items():
            text = text.replace("${%s}" % name, str(value))
        return text


class UnsafeXmlError(SignatureError):
    """An untrusted XML input was refused before anything read its content."""


class KeystoreError(SignatureError):
    """The head's keystore could not be opened or used for signing."""


class VerificationError(SignatureError):
    """A signed decision failed one of the checks; nothing may be stored."""
