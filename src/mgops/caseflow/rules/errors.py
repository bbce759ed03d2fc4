"""The one exception that every rule raises, so adapters can translate it."""


class RuleViolation(ValueError):
    """A rule of the process or the law was broken.

    ``rule`` is the message id (English, stable) that names the rule, ``default``
    the English text with ``${name}`` placeholders filled from ``mapping``. Plone
    adapters turn it into a translated message; the rules stay free of Plone.
    """

    def __init__(self, rule: str, default: str, **mapping):
        self.rule = rule
        self.default = default
        self.mapping = mapping
        super().__init__(self.text)

    @property
    def text(self) -> str:
        text = self.default
        for name, value in self.mapping.items():
            text = text.replace("${%s}" % name, str(value))
        return text
