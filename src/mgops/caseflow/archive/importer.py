"""An archival package back into the registry: files, documents, history, signatures.

``import_package`` first lets the reader verify the whole package (manifest,
checksums, schemas, cross-references): nothing is written before that. It
then refuses a package whose family files or documents already exist here
(by UID or case reference), whose signed decisions do not verify (each one's
XAdES signature is checked again, as ``signing.signing.verify_archived``
says: a package is evidence only as far as its signatures hold), or whose
register numbers belong to other decisions in this site's register (the
register keeps its numbers, even of destroyed files: a number is never
given to a second decision). Only then does it create, for each family file,
the file with its UID, fields and people, every document with its UID,
fields, attachments (byte for byte, streamed from the package into
blobs, never whole in memory), creator and dates, the signed decisions
with their exact signed XML and register number (entered into the register
of decisions), and the workflow histories exactly as recorded; each object
is then put into its recorded state with the permissions of that state.

The caller owns the transaction: on any error it aborts, so a refused import
leaves nothing behind.
"""

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from Acquisition import aq_base
from DateTime import DateTime
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile
from plone.uuid.interfaces import ATTRIBUTE_NAME

from mgops.caseflow.archive.config import archive_schemas
from mgops.caseflow.archive.people import remember
from mgops.caseflow.archive.records import CREATED
from mgops.caseflow.archive.records import FAMILY_FILE_WORKFLOW
from mgops.caseflow.archive.records import file_fields
from mgops.caseflow.archive.records import format_address
from mgops.caseflow.core.archive import DocumentRecord
from mgops.caseflow.core.archive import FamilyFileRecord
from mgops.caseflow.core.archive import PackageReader
from mgops.caseflow.core.archive import WorkflowEvent
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.errors import Conflict
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.core.rules.assessment import goal_rows_from_text
from mgops.caseflow.core.rules.ending import check_status_agrees
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.number_pattern import parse_register_number
from mgops.caseflow.signing.legacy_numbers import read_legacy_number
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.numbers import format_number
from mgops.caseflow.signing.numbers import register_pattern
from mgops.caseflow.signing.signing import signed_context
from mgops.caseflow.signing.signing import verify_archived
from mgops.caseflow.workflow.local_roles import sync_local_roles
from mgops.caseflow.workflow.obligations import update_obligations


COPY_CHUNK = 64 * 1024


class ImportRefused(Conflict):
    """The package is sound but cannot go into this site (e.g. it is here already)."""


@dataclass(frozen=True)
class PackagedFile:
    """One family file of a package, as the check shows it before the import."""

    case_reference: str
    family_name: str
    state: str
    ended: object
    documents: int
    signed_decisions: int


@dataclass(frozen=True)
class ImportSummary:
    family_files: int
    documents: int
    case_references: tuple[str, ...]
    #: what each file brings (the check's answer; the import's too)
    files: tuple[PackagedFile, ...] = ()


def import_package(
    source, registry, progress: Callable[[int, int], None] | None = None
) -> ImportSummary:
    """Verify the package at ``source`` and recreate its family files in ``registry``.

    Raises ``ArchiveError`` (a faulty package) or ``ImportRefused`` before
    anything is written; the caller aborts the transaction on any error.
    """
    with PackageReader(source, schemas=archive_schemas()) as reader:
        summary = _checked(reader, registry)
        portal = api.portal.get()
        references, documents = [], 0
        with api.env.adopt_roles(["Manager"]):
            for record in reader.records():
                _import_family_file(portal, registry, record)
                references.append(record.case_reference)
                documents += len(record.documents)
                if progress is not None:
                    progress(len(references), documents)
    return summary


def check_package(source, registry) -> ImportSummary:
    """Everything ``import_package`` checks, and what it would create; writes nothing.

    The import page shows this answer before the head confirms (and the
    import checks it all again: the site may have changed in between).
    """
    with PackageReader(source, schemas=archive_schemas()) as reader:
        return _checked(reader, registry)


def _checked(reader, registry) -> ImportSummary:
    reader.verify()
    _check_importable(reader.records(), registry)
    _check_signed_decisions(reader.records())
    _check_status_by_decisions(reader.records())
    files = tuple(
        PackagedFile(
            case_reference=record.case_reference,
            family_name=record.family_name,
            state=record.state,
            ended=record.ended,
            documents=len(record.documents),
            signed_decisions=sum(
                1 for document in record.documents if document.signature
            ),
        )
        for record in reader.records()
    )
    return ImportSummary(
        family_files=len(files),
        documents=sum(file.documents for file in files),
        case_references=tuple(file.case_reference for file in files),
        files=files,
    )


def import_upload(stream, registry, dry_run: bool = False) -> ImportSummary:
    """Import (or with ``dry_run`` only check) a package sent over the web:
    copied in chunks to a temporary file first, since the reader seeks;
    refused if nothing came.
    """
    with tempfile.TemporaryFile() as package:
        if stream is not None:
            if hasattr(stream, "seek"):
                stream.seek(0)
            shutil.copyfileobj(stream, package, COPY_CHUNK)
        if package.tell() == 0:
            raise CaseflowError(
                "archive_import_no_package",
                "Send the archival package (a zip) as the request body or as the "
                "form field file.",
            )
        package.seek(0)
        if dry_run:
            return check_package(package, registry)
        return import_package(package, registry)


def _check_importable(records, registry) -> None:
    """Refuse what is here already, or files that have no place in their type."""
    catalog = api.portal.get_tool("portal_catalog")
    for record in records:
        _file_names("FamilyFile", record.attachments)
        for document in record.documents:
            _file_names(document.portal_type, document.attachments)
        uids = [record.uid, *(document.uid for document in record.documents)]
        taken = catalog.unrestrictedSearchResults(UID=uids)
        if taken or _file_id(record.case_reference) in registry.objectIds():
            raise ImportRefused(
                "archive_import_exists",
                "The family file ${reference} (or one of its documents) is already "
                "in this site; nothing was imported.",
                reference=record.case_reference,
            )


def _check_signed_decisions(records) -> None:
    """Every signed decision verifies, and its register number is free or its own."""
    numbers = decision_numbers()
    for record in records:
        for document in record.documents:
            signature = document.signature
            if signature is None:
                continue
            numbers_of = _register_numbers(signature)
            try:
                verify_archived(
                    document.uid,
                    numbers_of.signed,
                    dict(document.fields),
                    signature.signed_xml,
                )
            except SignatureError as error:
                raise SignatureError(
                    "archive_import_signature_invalid",
                    "The signed decision ${number} of the family file ${reference} "
                    "does not verify (${reason}); nothing was imported.",
                    number=signature.register_number,
                    reference=record.case_reference,
                    reason=error.msgid,
                ) from None
            holder = _number_holder(numbers, numbers_of.place)
            if holder not in (None, document.uid):
                raise ImportRefused(
                    "archive_import_number_taken",
                    "The register number ${number} of the family file ${reference} "
                    "belongs to another decision in this site's register; nothing "
                    "was imported.",
                    number=signature.register_number,
                    reference=record.case_reference,
                )


@dataclass(frozen=True)
class _Numbers:
    """A packaged decision's numbers as this site keeps them."""

    register: str
    #: the number inside its signed XML
    signed: str
    #: its (n, year) in this site's register; None for another pattern's number
    place: tuple[int, int] | None


def _check_status_by_decisions(records) -> None:
    """A file's state and assistant are what its signed decisions made them: a
    package cannot bring an assistant or a status no decision gave (issue 13)."""
    for record in records:
        signed = sorted(
            (
                document
                for document in record.documents
                if document.portal_type == "Decision" and document.signature
            ),
            key=lambda document: document.approved or document.created,
        )
        try:
            check_status_agrees(
                record.state,
                record.assistant.user_id if record.assistant else None,
                [
                    (document.fields.get("kind"), document.fields.get("assistant"))
                    for document in signed
                ],
            )
        except RuleViolation as violation:
            raise ImportRefused(
                "archive_import_status_not_by_decisions",
                "The family file ${reference} has a state or an assistant that its "
                "signed decisions did not give it; nothing was imported.",
                reference=record.case_reference,
            ) from violation


def _register_numbers(signature) -> _Numbers:
    """The register and signed numbers of a packaged decision, and its place.

    A package written before this site's register had numbers of its own
    carries the old number alone: it is read as the upgrade reads the site's
    own (``signing.legacy_numbers``), the register's number for its (n, year)
    beside the number it was signed with.
    """
    number = signature.register_number
    signed = signature.signed_number or number
    try:
        place = parse_register_number(register_pattern(), number)
    except SignatureError:
        place = None if signature.signed_number else read_legacy_number(number)
        if place is None:
            return _Numbers(number, signed, None)  # another pattern's number
        number = format_number(*place)
    return _Numbers(number, signed, place)


def _number_holder(numbers, place: tuple[int, int] | None) -> str | None:
    """The UID that holds the (n, year) ``place`` in this site's register, if any."""
    if place is None:
        return None
    n, year = place
    counter = None if numbers is None else numbers.years.get(year)
    return None if counter is None else counter.numbers.get(n)


def _file_id(case_reference: str) -> str:
    return case_reference.replace(".", "-").lower()


def _created(portal_type: str, uid: str, object_id: str, **fields):
    obj = createContent(portal_type, **fields)
    setattr(obj, ATTRIBUTE_NAME, uid)  # keep the UID, so relations survive
    obj.id = object_id
    return obj


def _import_family_file(portal, registry, record: FamilyFileRecord) -> None:
    for staff in (record.social_worker, record.assistant):
        if staff is not None:
            _remember(portal, staff)
    fields = _files("FamilyFile", record.attachments)
    if record.learned_on is not None:  # else the schema's default (older packages)
        fields["learned_on"] = record.learned_on
    family_file = _created(
        "FamilyFile",
        record.uid,
        _file_id(record.case_reference),
        title=record.title,
        description=record.description,
        case_reference=record.case_reference,
        family_name=record.family_name,
        address=format_address(record.address),
        support_path=record.path,
        urgent=record.urgent,
        members=[_member_row(member) for member in record.members],
        social_worker=record.social_worker.user_id
        if record.social_worker_named
        else None,
        assistant=record.assistant.user_id if record.assistant else None,
        opened=record.opened,
        ended=record.ended,
        jrwa_class=record.jrwa_class,
        archival_category=record.archival_category,
        court_obliged=record.court_obliged,
        court_decision_reference=record.court_decision_reference or None,
        court_decision_date=record.court_decision_date,
        court_opinions=[
            {
                "requested_on": opinion.requested_on,
                "court_reference": opinion.court_reference or None,
                "sent_on": opinion.sent_on,
            }
            for opinion in record.court_opinions
        ],
        **fields,
    )
    family_file = addContentToContainer(registry, family_file, checkConstraints=False)
    for document in record.documents:
        _import_document(portal, family_file, document)
    creator = record.history[0].actor if record.history else ""
    set_creator(family_file, creator or record.social_worker.user_id)
    set_history(family_file, FAMILY_FILE_WORKFLOW, record.history)
    sync_local_roles(family_file)
    update_obligations(family_file)
    if record.created is not None:
        family_file.creation_date = DateTime(record.created)
    family_file.reindexObject()
    # reindexObject() touches the modification date: set it after, alone.
    if record.modified is not None:
        family_file.modification_date = DateTime(record.modified)
        family_file.reindexObject(idxs=["modified"])


def _member_row(member) -> dict:
    return {
        "first_name": member.first_name,
        "last_name": member.last_name,
        "role": member.role,
        "birth_date": member.birth_date,
        "pesel": member.pesel or None,
        "foster_care_since": member.foster_care_since,
    }


def _import_document(portal, family_file, record: DocumentRecord) -> None:
    _remember(portal, record.creator)
    fields = dict(record.fields)
    description = fields.pop("description", "")
    if record.portal_type == "Plan" and isinstance(fields.get("goals"), str):
        # a package written before profile 1011, as its upgrade step does
        fields["goals"] = goal_rows_from_text(fields["goals"])
    fields.update(_files(record.portal_type, record.attachments))
    document = _created(
        record.portal_type,
        record.uid,
        _document_id(family_file, record),
        title=record.title,
        description=description,
        corrects=record.corrects,
        **fields,
    )
    document = addContentToContainer(family_file, document, checkConstraints=False)
    if record.signature is not None:
        _restore_signature(portal, document, record)
    set_creator(document, record.creator.user_id)
    set_history(document, None, record.history)
    document.creation_date = DateTime(record.created)
    document.reindexObject()
    # reindexObject() would touch the modification date: set it after, alone.
    document.modification_date = DateTime(record.modified)
    document.reindexObject(idxs=["modified"])


def _file_names(portal_type: str, attachments) -> list[str]:
    """The file field each attachment goes into, refused if it has no place.

    Attachments that name no field (older packages) fill the type's file
    fields in schema order; a decision's signed XML is restored apart.
    """
    names = [name for name in file_fields(portal_type) if name != "signature_file"]
    chosen: list[str] = []
    for attachment in attachments:
        name = attachment.field or next((n for n in names if n not in chosen), None)
        if name not in names or name in chosen:
            raise ImportRefused(
                "archive_import_unknown_file_field",
                "The file ${filename} has no place in ${type} (field ${field}); "
                "nothing was imported.",
                filename=attachment.filename,
                field=attachment.field or "-",
                type=portal_type,
            )
        chosen.append(name)
    return chosen


def _files(portal_type: str, attachments) -> dict:
    """The attachments as blobs, each under the file field it came from."""
    return {
        name: _blob(attachment)
        for name, attachment in zip(
            _file_names(portal_type, attachments), attachments, strict=True
        )
    }


def _blob(attachment) -> NamedBlobFile:
    """The attachment streamed chunk by chunk from the package into a blob."""
    blob = NamedBlobFile(
        contentType=attachment.content_type, filename=attachment.filename
    )
    with blob.open("w") as out:
        for chunk in attachment.chunks():
            out.write(chunk)
    return blob


def _document_id(family_file, record: DocumentRecord) -> str:
    base = f"{record.kind}-{record.uid[:8]}"
    object_id, n = base, 1
    while object_id in family_file.objectIds():
        n += 1
        object_id = f"{base}-{n}"
    return object_id


def _restore_signature(portal, decision, record: DocumentRecord) -> None:
    """The signed XML byte for byte, the register number and what signing kept."""
    signature = record.signature
    _remember(portal, signature.signer)
    signed = signature.signed_xml
    decision.signature_file = NamedBlobFile(
        data=signed,
        contentType="application/xml",
        filename=f"decyzja-{record.uid}.xml",
    )
    numbers_of = _register_numbers(signature)
    decision.register_number = numbers_of.register
    if numbers_of.signed != numbers_of.register:
        decision.signed_number = numbers_of.signed
    signer_name = " ".join(
        part
        for part in (signature.signer.first_name, signature.signer.last_name)
        if part
    )
    decision.signer = signer_name
    decision.signer_userid = signature.signer.user_id
    decision.signed_at = record.approved
    day, decision.signed_context = signed_context(signed)
    if day is not None:
        decision.register_date = day
    if numbers_of.place is None:
        return  # a number of another pattern: kept, but not in this register
    n, year = numbers_of.place
    decision.register_n, decision.register_year = n, year
    decision_numbers(create=True).enter(year, n, record.uid)


def _remember(portal, staff) -> None:
    if api.user.get(userid=staff.user_id) is None:
        remember(portal, staff)


def set_creator(obj, user_id: str) -> None:
    if not user_id:
        return
    obj.setCreators((user_id,))
    user = api.user.get(userid=user_id)
    if user is not None:
        obj.changeOwnership(user.getUser())
        obj.manage_setLocalRoles(user_id, ["Owner"])
    # the importing Manager is no owner of what others wrote
    importer = api.user.get_current().getId()
    if importer and importer != user_id:
        obj.manage_delLocalRoles([importer])


def set_history(obj, workflow_id: str | None, history: tuple[WorkflowEvent, ...]):
    """Write the workflow history as recorded; the last entry gives the state."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(obj)
    entries = tuple(
        {
            "action": None if event.action == CREATED else event.action,
            "actor": event.actor,
            "review_state": event.state,
            "time": DateTime(event.time),
            "comments": event.comment,
        }
        for event in history
    )
    if not entries:
        return
    base = aq_base(obj)
    if getattr(base, "workflow_history", None) is None:
        base.workflow_history = PersistentMapping()
    base.workflow_history[workflow_id or workflow.id] = entries
    workflow.updateRoleMappingsFor(obj)
    obj.reindexObjectSecurity()
