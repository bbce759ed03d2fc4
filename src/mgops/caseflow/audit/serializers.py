"""plone.restapi serializers of our types that note what a request serves.

The standard serializers, unchanged in what they answer; each also tells the
audit trail that this request served the object (``record.note_served``), so
every route that turns a family file or document into JSON — the object
itself, a listing with ``fullobjects``, ``@search``, ``@querystring-search``,
any future one — is recorded at the request's end without guessing from its
URL. A summary in a listing (title, case reference) is served too: ``list``.
"""

import functools

from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from plone.restapi.serializer.summary import DefaultJSONSummarySerializer
from Products.ZCatalog.interfaces import ICatalogBrain
from zope.component import adapter
from zope.dottedname.resolve import resolve
from zope.interface import implementer

from mgops.caseflow.audit.record import note_served
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.interfaces import IMgopsCaseflowLayer


@implementer(ISerializeToJson)
@adapter(IFamilyFile, IMgopsCaseflowLayer)
class FamilyFileSerializer(SerializeFolderToJson):
    def __call__(self, *args, **kwargs):
        note_served(self.context, "read")
        return super().__call__(*args, **kwargs)


@implementer(ISerializeToJson)
@adapter(IFamilyDocument, IMgopsCaseflowLayer)
class DocumentSerializer(SerializeToJson):
    def __call__(self, *args, **kwargs):
        note_served(self.context, "read")
        return super().__call__(*args, **kwargs)


@implementer(ISerializeToJsonSummary)
class SummarySerializer(DefaultJSONSummarySerializer):
    """A summary of a family file or document, from the object or its brain."""

    def __call__(self, *args, **kwargs):
        context = self.context
        if ICatalogBrain.providedBy(context):
            if context.portal_type in _audited_types():
                note_served(context._unrestrictedGetObject(), "list")
        else:
            note_served(context, "list")
        return super().__call__(*args, **kwargs)


def _audited_types() -> frozenset:
    """The portal types whose objects the audit trail follows (by their class)."""
    types = api.portal.get_tool("portal_types")
    return _types_of(
        tuple((fti.getId(), getattr(fti, "klass", "")) for fti in types.objectValues())
    )


@functools.cache
def _types_of(types: tuple) -> frozenset:
    audited = set()
    for name, dotted in types:
        try:
            klass = resolve(dotted) if dotted else None
        except ImportError:
            continue
        if klass is not None and (
            IFamilyFile.implementedBy(klass) or IFamilyDocument.implementedBy(klass)
        ):
            audited.add(name)
    return frozenset(audited)
