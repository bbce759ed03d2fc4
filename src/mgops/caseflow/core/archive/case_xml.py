"""A family file as the project's own XML (caseflow-case.xsd), in ``sprawy/``.

It holds what belongs to the file itself (parties, dates, JRWA class,
archival category, workflow history, the files it holds with their places
in the package) and the list of its documents with their places in the
package, in the file's order; the documents and files themselves are
separate files in ``dokumenty/``. Optional elements are written only when
they hold something.
"""

from collections.abc import Callable

from lxml import etree

from mgops.caseflow.core.archive.errors import xml_text_guard
from mgops.caseflow.core.archive.model import Address
from mgops.caseflow.core.archive.model import CourtOpinion
from mgops.caseflow.core.archive.model import DocumentRecord
from mgops.caseflow.core.archive.model import FamilyFileRecord
from mgops.caseflow.core.archive.model import Member
from mgops.caseflow.core.archive.model import Opener
from mgops.caseflow.core.archive.xml_common import append_attachments
from mgops.caseflow.core.archive.xml_common import append_history
from mgops.caseflow.core.archive.xml_common import append_staff
from mgops.caseflow.core.archive.xml_common import attachment_files
from mgops.caseflow.core.archive.xml_common import child
from mgops.caseflow.core.archive.xml_common import child_text
from mgops.caseflow.core.archive.xml_common import new_root
from mgops.caseflow.core.archive.xml_common import optional_date
from mgops.caseflow.core.archive.xml_common import optional_datetime
from mgops.caseflow.core.archive.xml_common import q
from mgops.caseflow.core.archive.xml_common import read_attachments
from mgops.caseflow.core.archive.xml_common import read_history
from mgops.caseflow.core.archive.xml_common import read_staff
from mgops.caseflow.core.archive.xml_common import sub


def build_case(
    record: FamilyFileRecord,
    document_paths: list[str],
    attachment_paths: tuple[str, ...] = (),
) -> etree._Element:
    """The root element of the family file's XML.

    ``document_paths`` and ``attachment_paths`` place the documents and the
    family file's own files, in order.
    """
    with xml_text_guard(record.case_reference):
        root = new_root("familyFile", uid=record.uid)
        sub(root, "caseReference", record.case_reference)
        sub(root, "title", record.title)
        if record.description:
            sub(root, "description", record.description)
        sub(root, "familyName", record.family_name)
        address = sub(root, "address")
        sub(address, "street", record.address.street)
        sub(address, "postalCode", record.address.postal_code)
        sub(address, "city", record.address.city)
        if record.address.text:
            sub(address, "text", record.address.text)
        members = sub(root, "members")
        for member in record.members:
            element = sub(members, "member")
            sub(element, "firstName", member.first_name)
            sub(element, "lastName", member.last_name)
            sub(element, "role", member.role)
            if member.birth_date is not None:
                sub(element, "birthDate", member.birth_date.isoformat())
            sub(element, "pesel", member.pesel)
            if member.foster_care_since is not None:
                sub(element, "fosterCareSince", member.foster_care_since.isoformat())
        sub(root, "path", record.path)
        sub(root, "urgent", "true" if record.urgent else "false")
        if record.learned_on is not None:
            sub(root, "learnedOn", record.learned_on.isoformat())
        append_staff(root, "socialWorker", record.social_worker)
        if not record.social_worker_named:
            sub(root, "socialWorkerNamed", "false")
        if record.assistant is not None:
            append_staff(root, "assistant", record.assistant)
        sub(root, "opened", record.opened.isoformat())
        if record.ended is not None:
            sub(root, "ended", record.ended.isoformat())
        if record.created is not None:
            sub(root, "created", record.created.isoformat())
        if record.modified is not None:
            sub(root, "modified", record.modified.isoformat())
        sub(root, "jrwaClass", record.jrwa_class)
        sub(root, "jrwaTitle", record.jrwa_title)
        sub(root, "archivalCategory", record.archival_category)
        if record.court_obliged or record.court_opinions:
            append_court(root, record)
        sub(root, "state", record.state)
        append_history(root, record.history)
        if record.attachments:
            append_attachments(root, record.attachments, attachment_paths)
        documents = sub(root, "documents")
        for document, path in zip(record.documents, document_paths, strict=True):
            sub(
                documents,
                "document",
                uid=document.uid,
                portalType=document.portal_type,
                path=path,
            )
    return root


def append_court(root: etree._Element, record: FamilyFileRecord) -> None:
    """The court's obligation and its requests for opinions (the reports' facts)."""
    court = sub(root, "court")
    sub(court, "obliged", "true" if record.court_obliged else "false")
    if record.court_decision_reference:
        sub(court, "decisionReference", record.court_decision_reference)
    if record.court_decision_date is not None:
        sub(court, "decisionDate", record.court_decision_date.isoformat())
    for opinion in record.court_opinions:
        element = sub(court, "opinion")
        sub(element, "requestedOn", opinion.requested_on.isoformat())
        if opinion.court_reference:
            sub(element, "courtReference", opinion.court_reference)
        if opinion.sent_on is not None:
            sub(element, "sentOn", opinion.sent_on.isoformat())


def read_court(root: etree._Element) -> dict:
    """The court's fields of the record, empty for a package without them."""
    court = child(root, "court")
    if court is None:
        return {}
    return {
        "court_obliged": _boolean(court, "obliged", False),
        "court_decision_reference": child_text(court, "decisionReference"),
        "court_decision_date": optional_date(court, "decisionDate"),
        "court_opinions": tuple(
            CourtOpinion(
                requested_on=optional_date(element, "requestedOn"),
                court_reference=child_text(element, "courtReference"),
                sent_on=optional_date(element, "sentOn"),
            )
            for element in court.iterfind(q("opinion"))
        ),
    }


def case_documents(root: etree._Element) -> list[tuple[str, str, str]]:
    """(UID, portal type, package path) of the family file's documents, in order."""
    return [
        (element.get("uid"), element.get("portalType"), element.get("path"))
        for element in root.iterfind(f"{q('documents')}/{q('document')}")
    ]


def case_files(root: etree._Element) -> list[tuple[str, int, str]]:
    """The (path, size, sha256) of the files the family file itself holds."""
    return attachment_files(root)


def _unread(path: str, size: int, sha256: str) -> Opener:
    return lambda: iter(())


def _boolean(root: etree._Element, name: str, default: bool) -> bool:
    element = child(root, name)
    if element is None:
        return default
    return (element.text or "").strip() in ("true", "1")


def read_case(
    root: etree._Element,
    documents: tuple[DocumentRecord, ...],
    open_file: Callable[[str, int, str], Opener] = _unread,
) -> FamilyFileRecord:
    """The record a schema-valid case XML describes, holding ``documents``.

    ``open_file(path, size, sha256)`` gives an opener for each of the family
    file's own files (by default one that reads nothing, for checks).
    """
    address = child(root, "address")
    assistant = child(root, "assistant")
    return FamilyFileRecord(
        uid=root.get("uid"),
        case_reference=child_text(root, "caseReference"),
        title=child_text(root, "title"),
        description=child_text(root, "description"),
        family_name=child_text(root, "familyName"),
        address=Address(
            street=child_text(address, "street"),
            postal_code=child_text(address, "postalCode"),
            city=child_text(address, "city"),
            text=child_text(address, "text"),
        ),
        members=tuple(
            Member(
                first_name=child_text(element, "firstName"),
                last_name=child_text(element, "lastName"),
                role=child_text(element, "role"),
                birth_date=optional_date(element, "birthDate"),
                pesel=child_text(element, "pesel"),
                foster_care_since=optional_date(element, "fosterCareSince"),
            )
            for element in root.iterfind(f"{q('members')}/{q('member')}")
        ),
        path=child_text(root, "path"),
        urgent=_boolean(root, "urgent", False),
        learned_on=optional_date(root, "learnedOn"),
        social_worker=read_staff(child(root, "socialWorker")),
        social_worker_named=_boolean(root, "socialWorkerNamed", True),
        assistant=None if assistant is None else read_staff(assistant),
        opened=optional_date(root, "opened"),
        ended=optional_date(root, "ended"),
        created=optional_datetime(root, "created"),
        modified=optional_datetime(root, "modified"),
        jrwa_class=child_text(root, "jrwaClass"),
        jrwa_title=child_text(root, "jrwaTitle"),
        archival_category=child_text(root, "archivalCategory"),
        state=child_text(root, "state"),
        history=read_history(child(root, "history")),
        attachments=read_attachments(root, open_file),
        documents=documents,
        **read_court(root),
    )
