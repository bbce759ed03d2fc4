"""Family files as the archive's plain records, one at a time.

``family_file_records(brains)`` is a generator: it wakes one family file and
its documents, builds the ``FamilyFileRecord``, yields it (the writer streams
it out, attachments straight from their blobs), then puts the objects back to
sleep and, every ``MINIMIZE_EVERY`` files, lets go of everything unchanged
(``release``). An export of thousands of files thus never holds more than a
few of them in memory.

Objects are reached with unrestricted traversal: the caller has checked the
``Export archive`` permission on the registry or the file before it asks.
"""

import hashlib
import re
from collections.abc import Iterable
from collections.abc import Iterator
from datetime import date
from datetime import datetime

from Acquisition import aq_base
from plone import api
from plone.dexterity.content import ASSIGNABLE_CACHE_KEY
from plone.dexterity.interfaces import IDexterityFTI
from plone.namedfile.interfaces import INamedBlobFileField
from plone.uuid.interfaces import IUUID
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.schema import getFieldsInOrder

from mgops.caseflow.archive.config import jrwa_title
from mgops.caseflow.archive.people import People
from mgops.caseflow.core import states
from mgops.caseflow.core.archive import KIND_BY_PORTAL_TYPE
from mgops.caseflow.core.archive import Address
from mgops.caseflow.core.archive import Attachment
from mgops.caseflow.core.archive import CourtOpinion
from mgops.caseflow.core.archive import DocumentRecord
from mgops.caseflow.core.archive import FamilyFileRecord
from mgops.caseflow.core.archive import Member
from mgops.caseflow.core.archive import Signature
from mgops.caseflow.core.archive import WorkflowEvent


MINIMIZE_EVERY = 50
CHUNK = 64 * 1024

FAMILY_FILE_WORKFLOW = "mgops_familyfile_workflow"
#: decision fields that signing sets: they travel in the record's signature
SIGNING_FIELDS = ("register_number", "signature_file", "signer", "signed_at")
#: states in which a document counts as approved (final, signed, or a decision
#: brought in by the case import)
APPROVED_STATES = (states.FINAL, states.SIGNED, states.IMPORTED)
#: the action written for the entry a workflow makes when an object is created
CREATED = "create"

_POSTAL = re.compile(r"^(?P<street>.*?)[,\s]*\b(?P<code>\d{2}-\d{3})\s+(?P<city>.+)$")


# -- plain values ------------------------------------------------------------


def parse_address(text: str | None) -> Address:
    """``"ul. Długa 1, 00-001 Warszawa"`` → street, postal code, city.

    Text without a postal code stays whole in ``street``. When the three
    parts cannot give the text back exactly (line breaks, other spacing or
    punctuation), the text itself is kept too, so ``format_address`` always
    gives back what was entered.
    """
    original = text or ""
    text = " ".join(original.split())
    match = _POSTAL.match(text)
    if match is None:
        address = Address(text, "", "")
    else:
        address = Address(match["street"], match["code"], match["city"])
    if format_address(address) != original:
        address = Address(address.street, address.postal_code, address.city, original)
    return address


def format_address(address: Address) -> str:
    """The address as it was entered (the inverse of ``parse_address``)."""
    if address.text:
        return address.text
    if address.postal_code:
        return f"{address.street}, {address.postal_code} {address.city}".lstrip(", ")
    return address.street


def as_datetime(value) -> datetime | None:
    """A Zope ``DateTime`` (or a datetime) as a timezone-aware datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    return value.asdatetime()


def _history(obj, workflow_id: str | None = None) -> tuple[WorkflowEvent, ...]:
    histories = getattr(aq_base(obj), "workflow_history", None) or {}
    if workflow_id is None:
        (workflow,) = api.portal.get_tool("portal_workflow").getWorkflowsFor(obj)
        workflow_id = workflow.id
    return tuple(
        WorkflowEvent(
            actor=entry.get("actor") or "",
            action=entry.get("action") or CREATED,
            state=entry.get("review_state") or "",
            time=as_datetime(entry["time"]),
            comment=entry.get("comments") or "",
        )
        for entry in histories.get(workflow_id, ())
    )


def _approved(history: tuple[WorkflowEvent, ...]) -> datetime | None:
    times = [event.time for event in history if event.state in APPROVED_STATES]
    return times[-1] if times else None


def _blob_opener(blob_file):
    def chunks() -> Iterator[bytes]:
        with blob_file.open() as stream:
            while chunk := stream.read(CHUNK):
                yield chunk

    return chunks


def _attachment(named_file, field: str = "") -> Attachment:
    """A blob as an attachment: its checksum read now, its bytes when written.

    ``field`` names the schema field holding it, so an import puts it back.
    """
    opener = _blob_opener(named_file)
    digest = hashlib.sha256()
    size = 0
    for chunk in opener():
        digest.update(chunk)
        size += len(chunk)
    return Attachment(
        filename=named_file.filename or "plik",
        content_type=named_file.contentType or "application/octet-stream",
        size=size,
        sha256=digest.hexdigest(),
        content=opener,
        field=field,
    )


def _field_value(value):
    """A schema value as one of the archive's plain kinds."""
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, list | tuple):
        return [_field_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _field_value(item) for key, item in value.items()}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


#: The fields of IFamilyFile the family file record carries, each in its own
#: place (file fields travel as the record's attachments). A field added to
#: the schema but not here fails the archival round-trip test.
FAMILY_FILE_FIELDS = (
    "case_reference",
    "family_name",
    "address",
    "support_path",
    "urgent",
    "learned_on",
    "members",
    "social_worker",
    "assistant",
    "opened",
    "ended",
    "medical_certificate",
    "jrwa_class",
    "archival_category",
    "court_obliged",
    "court_decision_reference",
    "court_decision_date",
    "court_opinions",
)


def file_fields(portal_type: str) -> list[str]:
    """The names of the content type's file fields, in the order of its schema."""
    return [
        name
        for name, field in schema_fields(portal_type)
        if INamedBlobFileField.providedBy(field)
    ]


def schema_fields(portal_type: str):
    """The content type's own fields, in the order of its schema."""
    schema = getUtility(IDexterityFTI, name=portal_type).lookupSchema()
    return getFieldsInOrder(schema)


# -- records -----------------------------------------------------------------


class RecordBuilder:
    """Builds records of family files, naming people through one ``People``."""

    def __init__(self, portal=None):
        self.portal = portal or api.portal.get()
        self.people = People(self.portal)

    def family_file(self, family_file) -> FamilyFileRecord:
        creator = family_file.Creator() or ""
        social_worker = family_file.social_worker or creator
        attachments = []
        for name in file_fields(family_file.portal_type):
            value = getattr(family_file, name, None)
            if value is not None:
                attachments.append(_attachment(value, field=name))
        return FamilyFileRecord(
            uid=IUUID(family_file),
            case_reference=family_file.case_reference,
            title=family_file.Title(),
            description=family_file.Description() or "",
            family_name=family_file.family_name or "",
            address=parse_address(family_file.address),
            members=tuple(_member(row) for row in family_file.members or ()),
            path=family_file.support_path or "standard",
            urgent=bool(family_file.urgent),
            learned_on=family_file.learned_on,
            social_worker=self.people.staff(social_worker, "SocialWorker"),
            social_worker_named=bool(family_file.social_worker),
            assistant=self.people.staff(family_file.assistant, "FamilyAssistant")
            if family_file.assistant
            else None,
            opened=family_file.opened,
            ended=family_file.ended,
            created=as_datetime(family_file.created()),
            modified=as_datetime(family_file.modified()),
            attachments=tuple(attachments),
            jrwa_class=family_file.jrwa_class or "4010",
            jrwa_title=jrwa_title(family_file.jrwa_class or "4010"),
            archival_category=family_file.archival_category or "B10",
            court_obliged=bool(family_file.court_obliged),
            court_decision_reference=family_file.court_decision_reference or "",
            court_decision_date=family_file.court_decision_date,
            court_opinions=tuple(
                CourtOpinion(
                    requested_on=row["requested_on"],
                    court_reference=row.get("court_reference") or "",
                    sent_on=row.get("sent_on"),
                )
                for row in family_file.court_opinions or ()
            ),
            state=api.content.get_state(obj=family_file),
            history=_history(family_file, FAMILY_FILE_WORKFLOW),
            documents=tuple(
                self.document(document) for document in _documents(family_file)
            ),
        )

    def document(self, document) -> DocumentRecord:
        fields = {}
        attachments = []
        if document.Description():
            fields["description"] = document.Description()
        for name, field in schema_fields(document.portal_type):
            if name == "corrects" or (
                document.portal_type == "Decision" and name in SIGNING_FIELDS
            ):
                continue
            value = getattr(document, name, None)
            if INamedBlobFileField.providedBy(field):
                if value is not None:
                    attachments.append(_attachment(value, field=name))
                continue
            fields[name] = _field_value(value)
        history = _history(document)
        state = api.content.get_state(obj=document)
        signature = self._signature(document) if state == states.SIGNED else None
        creator = document.Creator() or ""
        return DocumentRecord(
            uid=IUUID(document),
            portal_type=document.portal_type,
            title=document.Title(),
            creator=self.people.staff(creator),
            created=as_datetime(document.created()),
            modified=as_datetime(document.modified()),
            state=state,
            fields=fields,
            approved=as_datetime(document.signed_at)
            if signature is not None and document.signed_at
            else _approved(history),
            history=history,
            attachments=tuple(attachments),
            corrects=getattr(document, "corrects", None) or None,
            signature=signature,
        )

    def _signature(self, decision) -> Signature | None:
        if decision.signature_file is None:
            return None
        signer_id = getattr(decision, "signer_userid", None) or ""
        return Signature(
            # the exact bytes that were signed, never re-serialised
            signed_xml=bytes(decision.signature_file.data),
            register_number=decision.register_number or "",
            signer=self.people.staff(signer_id, "Head"),
            signed_number=getattr(decision, "signed_number", None) or "",
        )


def _member(row) -> Member:
    birth_date = row.get("birth_date")
    since = row.get("foster_care_since")
    return Member(
        first_name=row.get("first_name") or "",
        last_name=row.get("last_name") or "",
        role=row.get("role") or "",
        birth_date=birth_date if isinstance(birth_date, date) else None,
        pesel=row.get("pesel") or "",
        foster_care_since=since if isinstance(since, date) else None,
    )


def _documents(family_file):
    """The file's documents in the order they were created (then by id).

    A family file keeps no manual order (``FamilyFile._ordering``), so the package
    lists its documents chronologically, and an imported file, whose documents
    are created in that order, lists them the same way again.
    """
    documents = [
        obj
        for obj in family_file.objectValues()
        if getattr(obj, "portal_type", None) in KIND_BY_PORTAL_TYPE
    ]
    documents.sort(key=lambda obj: (obj.created(), obj.getId()))
    return documents


def sleep(obj) -> None:
    """Turn an unchanged object back into a ghost (a changed one stays)."""
    base = aq_base(obj)
    if getattr(base, "_p_changed", None) is False:
        base._p_deactivate()


def release(obj) -> None:
    """Empty the cache of ``obj``'s connection of everything unchanged, and
    plone.dexterity's cache of behavior assignables on the request.

    plone.dexterity (``content.get_assignable``) keeps, for the rest of the
    request, one assignable per object whose interfaces were asked, and each
    holds its object: an export that read 400,000 documents kept them all,
    as ghosts the connection could not let go. That was the export's memory
    growing with the caseload, about 5 KiB per family file (issue 19,
    measured with tracemalloc at 2,000 files). The cache only saves a lookup.
    """
    request = getRequest()
    if request is not None:
        vars(request).pop(ASSIGNABLE_CACHE_KEY, None)
    jar = aq_base(obj)._p_jar
    if jar is not None:
        jar.cacheMinimize()


def family_file_records(
    family_files: Iterable, builder: RecordBuilder | None = None
) -> Iterator[FamilyFileRecord]:
    """Records of ``family_files`` (catalog brains or objects), one at a time."""
    builder = builder or RecordBuilder()
    for count, item in enumerate(family_files, start=1):
        family_file = (
            item._unrestrictedGetObject()
            if hasattr(item, "_unrestrictedGetObject")
            else item
        )
        record = builder.family_file(family_file)
        yield record
        for document in family_file.objectValues():
            sleep(document)
        sleep(family_file)
        if count % MINIMIZE_EVERY == 0:
            release(family_file)


def export_date(family_file) -> date | None:
    """The day a family file counts as closed for a date range: its end date."""
    return family_file.ended


def entered_closed(family_file) -> date | None:
    """The day the family file entered ``closed`` (from its workflow history)."""
    history = getattr(aq_base(family_file), "workflow_history", {}) or {}
    for entry in reversed(history.get(FAMILY_FILE_WORKFLOW, ())):
        if entry.get("review_state") == states.CLOSED:
            return as_datetime(entry["time"]).date()
    return None
