"""The folder of family files (akta) and the register of decisions beside it."""

from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from zope.interface import implementer


class IFamilyFileRegistry(model.Schema):
    """Holds the family files; staff groups hold their roles here."""


@implementer(IFamilyFileRegistry)
class FamilyFileRegistry(Container):
    """The registry of family files."""


class IDecisionRegister(model.Schema):
    """The official register of the head's decisions."""


@implementer(IDecisionRegister)
class DecisionRegister(Item):
    """The register of decisions; numbers come from signing."""


class IStaffRegistry(model.Schema):
    """Kadry asystentów: the assistants' employment periods (entered by the
    head) and their monthly hours (entered by each assistant, approved by
    the head), which the programme's settlement reads."""


@implementer(IStaffRegistry)
class StaffRegistry(Container):
    """The staff records of the family assistants."""
