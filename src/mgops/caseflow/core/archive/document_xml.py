"""A document of a family file as the project's own XML (caseflow-document.xsd).

The XML carries everything the document holds: its fields in their order and
with their types, its workflow history, its attachments' names, sizes and
checksums, and for a signed decision the register number, the signer and the
file with the signed XML. Building and reading are kept side by side because
each must be the exact inverse of the other.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime

from lxml import etree

from mgops.caseflow.core.archive.errors import xml_text_guard
from mgops.caseflow.core.archive.layout import DocumentPaths
from mgops.caseflow.core.archive.model import DocumentRecord
from mgops.caseflow.core.archive.model import Opener
from mgops.caseflow.core.archive.model import Signature
from mgops.caseflow.core.archive.values import append_fields
from mgops.caseflow.core.archive.values import read_fields
from mgops.caseflow.core.archive.xml_common import NS
from mgops.caseflow.core.archive.xml_common import append_attachments
from mgops.caseflow.core.archive.xml_common import append_history
from mgops.caseflow.core.archive.xml_common import append_staff
from mgops.caseflow.core.archive.xml_common import attachment_files
from mgops.caseflow.core.archive.xml_common import child
from mgops.caseflow.core.archive.xml_common import child_text
from mgops.caseflow.core.archive.xml_common import new_root
from mgops.caseflow.core.archive.xml_common import optional_datetime
from mgops.caseflow.core.archive.xml_common import read_attachments
from mgops.caseflow.core.archive.xml_common import read_history
from mgops.caseflow.core.archive.xml_common import read_staff
from mgops.caseflow.core.archive.xml_common import sub


def build_document(
    document: DocumentRecord, *, case_reference: str, paths: DocumentPaths
) -> etree._Element:
    """The root element of the document's XML; ``paths`` place its files."""
    with xml_text_guard(document.uid):
        root = new_root(
            "document",
            uid=document.uid,
            portalType=document.portal_type,
            kind=document.kind,
        )
        sub(root, "title", document.title)
        sub(root, "caseReference", case_reference)
        append_staff(root, "creator", document.creator)
        sub(root, "created", document.created.isoformat())
        sub(root, "modified", document.modified.isoformat())
        if document.approved is not None:
            sub(root, "approved", document.approved.isoformat())
        sub(root, "state", document.state)
        if document.corrects:
            sub(root, "corrects", document.corrects)
    append_fields(sub(root, "fields"), NS, document.fields, owner=document.uid)
    with xml_text_guard(document.uid):
        append_history(root, document.history)
        append_attachments(root, document.attachments, paths.attachments)
        if document.signature is not None:
            _append_signature(root, document.signature, paths.signature)
    return root


def _append_signature(root, signature: Signature, path: str) -> None:
    element = sub(
        root,
        "signature",
        path=path,
        size=str(len(signature.signed_xml)),
        sha256=hashlib.sha256(signature.signed_xml).hexdigest(),
    )
    sub(element, "registerNumber", signature.register_number)
    if signature.signed_number:
        sub(element, "signedNumber", signature.signed_number)
    append_staff(element, "signer", signature.signer)


def document_files(root: etree._Element) -> list[tuple[str, int, str]]:
    """The (path, size, sha256) of the files a document XML refers to."""
    files = attachment_files(root)
    signature = child(root, "signature")
    if signature is not None:
        files.append(
            (signature.get("path"), int(signature.get("size")), signature.get("sha256"))
        )
    return files


def read_document(
    root: etree._Element,
    *,
    open_file: Callable[[str, int, str], Opener],
    read_file: Callable[[str], bytes],
) -> DocumentRecord:
    """The record a schema-valid document XML describes.

    ``open_file(path, size, sha256)`` gives an opener for an attachment, so
    attachments stay in the package until someone reads them;
    ``read_file(path)`` gives the signed XML's bytes.
    """
    signature = child(root, "signature")
    return DocumentRecord(
        uid=root.get("uid"),
        portal_type=root.get("portalType"),
        title=child_text(root, "title"),
        creator=read_staff(child(root, "creator")),
        created=datetime.fromisoformat(child_text(root, "created").strip()),
        modified=datetime.fromisoformat(child_text(root, "modified").strip()),
        approved=optional_datetime(root, "approved"),
        state=child_text(root, "state"),
        corrects=child_text(root, "corrects") or None,
        fields=read_fields(child(root, "fields")),
        history=read_history(child(root, "history")),
        attachments=read_attachments(root, open_file),
        signature=None
        if signature is None
        else Signature(
            signed_xml=read_file(signature.get("path")),
            register_number=child_text(signature, "registerNumber"),
            signer=read_staff(child(signature, "signer")),
            signed_number=child_text(signature, "signedNumber"),
        ),
    )
