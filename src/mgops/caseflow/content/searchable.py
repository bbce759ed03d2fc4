"""The full text of family files and documents in the catalog (``SearchableText``).

Plone's own indexer holds only the id, title and description; the GDPR report
must find every document that names a person (GDPR art. 15(1): a copy of all
the personal data processed), so the catalog holds what the documents say: every
text of the schema, the rows of tables (members, plan goals) included. The
catalog filters by permission as always: a search finds only what the user may
open.
"""

from datetime import date

from plone.dexterity.utils import iterSchemata
from plone.indexer import indexer
from zope.schema import getFieldsInOrder

from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile


def _texts(value):
    if isinstance(value, str):
        yield value
    elif hasattr(value, "raw"):  # RichTextValue
        yield value.raw
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, date):
        return


def full_text(obj) -> str:
    """Every text the object's schemata hold, its id, title and description."""
    parts = [obj.getId(), obj.Title(), obj.Description()]
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            if name in ("title", "description"):
                continue
            value = field.query(field.interface(obj), None)
            parts.extend(_texts(value))
    return " ".join(part for part in parts if part)


@indexer(IFamilyFile)
def family_file_text(obj):
    return full_text(obj)


@indexer(IFamilyDocument)
def document_text(obj):
    return full_text(obj)
