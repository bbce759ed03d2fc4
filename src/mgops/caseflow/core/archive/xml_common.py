"""Pieces shared by the project's own XML formats (document, case, manifest).

Serialisation is fixed here once, so every file of a package is written the
same way and the same records always give the same bytes.
"""

from collections.abc import Callable
from datetime import date
from datetime import datetime

from lxml import etree

from mgops.caseflow.core.archive.model import Attachment
from mgops.caseflow.core.archive.model import Opener
from mgops.caseflow.core.archive.model import Staff
from mgops.caseflow.core.archive.model import WorkflowEvent
from mgops.caseflow.core.archive.validation import NAMESPACE


NS = NAMESPACE


def q(name: str) -> str:
    """The qualified tag of ``name`` in the project's namespace."""
    return f"{{{NS}}}{name}"


def new_root(name: str, **attributes) -> etree._Element:
    return etree.Element(q(name), attributes, nsmap={None: NS})


def sub(parent: etree._Element, name: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, q(name), attributes)
    if text is not None:
        element.text = text
    return element


def to_bytes(root: etree._Element) -> bytes:
    """Serialise deterministically: UTF-8, declaration, indented."""
    etree.indent(root, space="  ")
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def text_of(element: etree._Element | None) -> str:
    return "" if element is None else element.text or ""


def child(parent: etree._Element, name: str) -> etree._Element | None:
    return parent.find(q(name))


def child_text(parent: etree._Element, name: str) -> str:
    return text_of(child(parent, name))


def optional_datetime(parent: etree._Element, name: str) -> datetime | None:
    element = child(parent, name)
    return None if element is None else datetime.fromisoformat(text_of(element).strip())


def optional_date(parent: etree._Element, name: str) -> date | None:
    element = child(parent, name)
    return None if element is None else date.fromisoformat(text_of(element).strip())


def append_staff(parent: etree._Element, name: str, staff: Staff) -> None:
    element = sub(parent, name, userId=staff.user_id, role=staff.role)
    sub(element, "firstName", staff.first_name)
    sub(element, "lastName", staff.last_name)


def read_staff(element: etree._Element) -> Staff:
    return Staff(
        user_id=element.get("userId"),
        first_name=child_text(element, "firstName"),
        last_name=child_text(element, "lastName"),
        role=element.get("role"),
    )


def append_history(parent: etree._Element, events) -> None:
    history = sub(parent, "history")
    for event in events:
        element = sub(history, "event")
        sub(element, "actor", event.actor)
        sub(element, "action", event.action)
        sub(element, "state", event.state)
        sub(element, "time", event.time.isoformat())
        sub(element, "comment", event.comment)


def read_history(element: etree._Element) -> tuple[WorkflowEvent, ...]:
    return tuple(
        WorkflowEvent(
            actor=child_text(event, "actor"),
            action=child_text(event, "action"),
            state=child_text(event, "state"),
            time=datetime.fromisoformat(child_text(event, "time").strip()),
            comment=child_text(event, "comment"),
        )
        for event in element.iterfind(q("event"))
    )


def append_attachments(parent: etree._Element, attachments, paths) -> None:
    """An ``attachments`` element: each file's place, size, checksum, name, type.

    The schema field holding the file goes in ``field`` when it is known.
    """
    element = sub(parent, "attachments")
    for attachment, path in zip(attachments, paths, strict=True):
        attributes = {"path": path, "size": str(attachment.size)}
        attributes["sha256"] = attachment.sha256
        if attachment.field:
            attributes["field"] = attachment.field
        item = sub(element, "attachment", **attributes)
        sub(item, "fileName", attachment.filename)
        sub(item, "contentType", attachment.content_type)


def attachment_files(parent: etree._Element) -> list[tuple[str, int, str]]:
    """The (path, size, sha256) of the files listed in ``parent/attachments``."""
    return [
        (element.get("path"), int(element.get("size")), element.get("sha256"))
        for element in parent.iterfind(f"{q('attachments')}/{q('attachment')}")
    ]


def read_attachments(
    parent: etree._Element, open_file: Callable[[str, int, str], Opener]
) -> tuple[Attachment, ...]:
    """The inverse of ``append_attachments``; contents through ``open_file``."""
    return tuple(
        Attachment(
            filename=child_text(element, "fileName"),
            content_type=child_text(element, "contentType"),
            size=int(element.get("size")),
            sha256=element.get("sha256"),
            content=open_file(
                element.get("path"), int(element.get("size")), element.get("sha256")
            ),
            field=element.get("field") or "",
        )
        for element in parent.iterfind(f"{q('attachments')}/{q('attachment')}")
    )
