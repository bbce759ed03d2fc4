"""A family file as the project's own XML (caseflow-case.xsd), in ``sprawy/``.

It holds what belongs to the file itself (parties, dates, JRWA class,
archival category, workflow history) and the list of its documents with
their places in the package, in the file's order; the documents themselves
are separate files in ``dokumenty/``.
"""

from lxml import etree

from mgops.caseflow.archive.errors import xml_text_guard
from mgops.caseflow.archive.model import Address
from mgops.caseflow.archive.model import DocumentRecord
from mgops.caseflow.archive.model import FamilyFileRecord
from mgops.caseflow.archive.model import Member
from mgops.caseflow.archive.xml_common import append_history
from mgops.caseflow.archive.xml_common import append_staff
from mgops.caseflow.archive.xml_common import child
from mgops.caseflow.archive.xml_common import child_text
from mgops.caseflow.archive.xml_common import new_root
from mgops.caseflow.archive.xml_common import optional_date
from mgops.caseflow.archive.xml_common import q
from mgops.caseflow.archive.xml_common import read_history
from mgops.caseflow.archive.xml_common import read_staff
from mgops.caseflow.archive.xml_common import sub


def build_case(record: FamilyFileRecord, document_paths: list[str]) -> etree._Element:
    """The root element of the family file's XML; ``document_paths`` in order."""
    with xml_text_guard(record.case_reference):
        root = new_root("familyFile", uid=record.uid)
        sub(root, "caseReference", record.case_reference)
        sub(root, "title", record.title)
        sub(root, "familyName", record.family_name)
        address = sub(root, "address")
        sub(address, "street", record.address.street)
        sub(address, "postalCode", record.address.postal_code)
        sub(address, "city", record.address.city)
        members = sub(root, "members")
        for member in record.members:
            element = sub(members, "member")
            sub(element, "firstName", member.first_name)
            sub(element, "lastName", member.last_name)
            sub(element, "role", member.role)
            if member.birth_date is not None:
                sub(element, "birthDate", member.birth_date.isoformat())
            sub(element, "pesel", member.pesel)
        sub(root, "path", record.path)
        append_staff(root, "socialWorker", record.social_worker)
        if record.assistant is not None:
            append_staff(root, "assistant", record.assistant)
        sub(root, "opened", record.opened.isoformat())
        if record.ended is not None:
            sub(root, "ended", record.ended.isoformat())
        sub(root, "jrwaClass", record.jrwa_class)
        sub(root, "jrwaTitle", record.jrwa_title)
        sub(root, "archivalCategory", record.archival_category)
        sub(root, "state", record.state)
        append_history(root, record.history)
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


def case_documents(root: etree._Element) -> list[tuple[str, str, str]]:
    """(UID, portal type, package path) of the family file's documents, in order."""
    return [
        (element.get("uid"), element.get("portalType"), element.get("path"))
        for element in root.iterfind(f"{q('documents')}/{q('document')}")
    ]


def read_case(
    root: etree._Element, documents: tuple[DocumentRecord, ...]
) -> FamilyFileRecord:
    """The record a schema-valid case XML describes, holding ``documents``."""
    address = child(root, "address")
    assistant = child(root, "assistant")
    return FamilyFileRecord(
        uid=root.get("uid"),
        case_reference=child_text(root, "caseReference"),
        title=child_text(root, "title"),
        family_name=child_text(root, "familyName"),
        address=Address(
            street=child_text(address, "street"),
            postal_code=child_text(address, "postalCode"),
            city=child_text(address, "city"),
        ),
        members=tuple(
            Member(
                first_name=child_text(element, "firstName"),
                last_name=child_text(element, "lastName"),
                role=child_text(element, "role"),
                birth_date=optional_date(element, "birthDate"),
                pesel=child_text(element, "pesel"),
            )
            for element in root.iterfind(f"{q('members')}/{q('member')}")
        ),
        path=child_text(root, "path"),
        social_worker=read_staff(child(root, "socialWorker")),
        assistant=None if assistant is None else read_staff(assistant),
        opened=optional_date(root, "opened"),
        ended=optional_date(root, "ended"),
        jrwa_class=child_text(root, "jrwaClass"),
        jrwa_title=child_text(root, "jrwaTitle"),
        archival_category=child_text(root, "archivalCategory"),
        state=child_text(root, "state"),
        history=read_history(child(root, "history")),
        documents=documents,
    )
