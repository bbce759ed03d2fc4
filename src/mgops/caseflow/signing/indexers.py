"""Catalog data of signed decisions, for the register listing."""

from Acquisition import aq_parent
from plone.indexer import indexer

from mgops.caseflow.content.decision import IDecision


@indexer(IDecision)
def register_number(obj):
    return obj.register_number


@indexer(IDecision)
def signed_number(obj):
    """The number the signature carries, where it is not the register number
    (signed before the register had a shape of its own: ``legacy_numbers``)."""
    return getattr(obj, "signed_number", None)


@indexer(IDecision)
def register_year(obj):
    return getattr(obj, "register_year", None)


@indexer(IDecision)
def register_n(obj):
    return getattr(obj, "register_n", None)


@indexer(IDecision)
def register_date(obj):
    day = getattr(obj, "register_date", None)
    return day.isoformat() if day else None


@indexer(IDecision)
def signer(obj):
    return obj.signer


@indexer(IDecision)
def decision_family_name(obj):
    return getattr(aq_parent(obj), "family_name", None)
