"""Rule violations: refusals of the ``core.errors`` family that name their rule."""

from mgops.caseflow.core.errors import CaseflowError


class RuleViolation(CaseflowError):
    """A rule of the process or the law was broken; ``rule`` names it."""

    @property
    def rule(self) -> str:
        return self.msgid
