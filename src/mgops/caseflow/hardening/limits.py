"""Attach the input limits of ``rules.input_limits`` to every schema of the add-on.

Done here, once, rather than field by field in ``content/``: every TextLine and
Text gets a length limit, every Date and Datetime a plausible range, every
attachment the allow-list and size limit. A field's own constraint (PESEL,
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

from mgops.caseflow.content.assessment import IAssessment
from mgops.caseflow.content.contract import IContract
from mgops.caseflow.content.decision import IDecision
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.family_file import IFamilyMember
from mgops.caseflow.content.interview import IInterview
from mgops.caseflow.content.note import INote
from mgops.caseflow.content.plan import IPlan
from mgops.caseflow.content.validation import field_constraint
from mgops.caseflow.rules.input_limits import MAX_LINE_LENGTH
from mgops.caseflow.rules.input_limits import MAX_TEXT_LENGTH
from mgops.caseflow.rules.input_limits import check_attachment
from mgops.caseflow.rules.input_limits import check_date_range
from mgops.caseflow.rules.input_limits import check_text_length


SCHEMAS = (
    IFamilyFile,
    IFamilyMember,
    IInterview,
    IContract,
    IPlan,
    IAssessment,
    INote,
    IDecision,
)
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


def apply_limits(schemas=SCHEMAS) -> None:
    for schema in schemas:
        for name, field in getFields(schema).items():
            if getattr(field, _MARK, False):
                continue
            limit = _limit_for(field, name)
            if limit is None:
                continue
            field.constraint = _chain(limit, field.constraint)
            setattr(field, _MARK, True)
