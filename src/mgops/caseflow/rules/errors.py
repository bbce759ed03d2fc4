"""Errors that carry a translatable message, so Plone adapters can translate them."""


class MessageError(ValueError):
    """An error whose text is a message id with an English default.

    ``msgid`` is stable English, ``default`` the English text with ``${name}``
    placeholders filled from ``mapping``. The pure packages raise these; Plone
    adapters turn them into translated messages, so the pure code stays free of
    Plone.
    """

    def __init__(self, msgid: str, default: str, **mapping):
        self.msgid = msgid
        self.default = default
        self.mapping = mapping
        super().__init__(self.text)

    @property
    def text(self) -> str:
        text = self.default
        for name, value in self.mapping.items():
            text = text.replace("${%s}" % name, str(value))
        return text


class RuleViolation(MessageError):
    """A rule of the process or the law was broken; ``rule`` names it."""

    @property
    def rule(self) -> str:
        return self.msgid
