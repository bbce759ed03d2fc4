"""Catalog indexers: list files and documents without waking objects up."""

from Acquisition import aq_parent
from plone.indexer import indexer

from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile


@indexer(IFamilyFile)
def file_case_reference(obj):
    return obj.case_reference


@indexer(IFamilyDocument)
def document_case_reference(obj):
    """A document is found by the case reference of its file."""
    return getattr(aq_parent(obj), "case_reference", None)


@indexer(IFamilyFile)
def social_worker(obj):
    return obj.social_worker


@indexer(IFamilyFile)
def assistant(obj):
    return obj.assistant


@indexer(IFamilyFile)
def family_name(obj):
    return obj.family_name


@indexer(IFamilyFile)
def support_path(obj):
    return obj.support_path


@indexer(IFamilyDocument)
def document_kind(obj):
    """The kind of a note or decision (visit, assign_assistant, …)."""
    return getattr(obj, "kind", None)
