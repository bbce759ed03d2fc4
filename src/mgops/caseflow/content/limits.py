"""The input limits of ``core.rules.input_limits`` on the fields of a schema.

Each schema module of ``content/`` calls ``limit_fields(ISchema)`` right after
defining it, so a reader of the schema sees that its fields are limited: every
TextLine and Text gets a length limit, every Date and Datetime a plausible range,
every attachment the allow-list and size limit. A field's own constraint (PESEL,
not-in-future, …) still runs after the limit. Being ordinary zope.schema
constraints, the limits hold for the edit forms and for plone.restapi alike.
"""

from datetime import date

from plone.namedfile.interfaces import INamedBlobFileField
from zope.schema import getFields
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine

from mgops.caseflow.content.validation import field_constraint
from mgops.caseflow.core.rules.input_limits import MAX_LINE_LENGTH
from mgops.caseflow.core.rules.input_limits import MAX_TEXT_LENGTH
from mgops.caseflow.core.rules.input_limits import check_attachment
from mgops.caseflow.core.rules.input_limits import check_date_range
from mgops.caseflow.core.rules.input_limits import check_text_length


#: attachment fields a user uploads (a decision's signature file is checked by
#: the signing code: XML only, through safe_xml)
ATTACHMENT_FIELDS = {"attachment", "medical_certificate"}

_MARK = "_caseflow_limited"


def _head_of(named_file, length=64) -> bytes:
    data = getattr(named_file, "data", b"") or b""
    return bytes(data[:length])


def _check_named_file(value):
    check_attachment(
        getattr(value, "filename", None) or "",
        getattr(value, "contentType", None) or "",
        value.getSize() if hasattr(value, "getSize") else len(value.data),
        _head_of(value),
    )


def _limit_for(field, name):
    if INamedBlobFileField.providedBy(field):
        return _check_named_file if name in ATTACHMENT_FIELDS else None
    if ITextLine.providedBy(field):
        return lambda value: check_text_length(value, MAX_LINE_LENGTH)
    if IText.providedBy(field):
        return lambda value: check_text_length(value, MAX_TEXT_LENGTH)
    if IDate.providedBy(field) or IDatetime.providedBy(field):
        return lambda value: check_date_range(value, date.today())
    return None


def _chain(limit, original):
    limit = field_constraint(limit)

    def constraint(value):
        return limit(value) and original(value)

    return constraint


def limit_fields(schema) -> None:
    """Chain the limit of each field before its own constraint (once per field).

    Inherited fields are shared with the base schema, hence the mark: a field
    limited through ``IFamilyDocument`` is not limited again through ``INote``.
    """
    for name, field in getFields(schema).items():
        if getattr(field, _MARK, False):
            continue
        limit = _limit_for(field, name)
        if limit is None:
            continue
        field.constraint = _chain(limit, field.constraint)
        setattr(field, _MARK, True)
