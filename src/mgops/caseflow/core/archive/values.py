"""Plain field values of a document, and how they travel in XML and back.

A document's fields are whatever its Dexterity schema holds, reduced by the
adapter to a few plain kinds. Each kind has its own element in the document
XML (``text``, ``date``, ``dateTime``, ``boolean``, ``empty``, ``list``,
``records``), so the schema can check each value's lexical form and the reader
gets back exactly the Python value that was written.
"""

from collections.abc import Mapping
from datetime import date
from datetime import datetime

from lxml import etree

from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.errors import xml_text_guard


Scalar = str | date | datetime | bool | None
FieldValue = Scalar | list[str] | list[dict[str, Scalar]]


def normalize_fields(fields: Mapping, *, uid: str) -> dict[str, FieldValue]:
    """Copy ``fields`` into the canonical shape, refusing what cannot be archived.

    Tuples become lists and mappings become dicts, so a record read back from
    a package compares equal to the one that was exported.
    """
    return {
        str(name): _normalize_value(value, field=str(name), uid=uid)
        for name, value in fields.items()
    }


def _normalize_value(value, *, field: str, uid: str) -> FieldValue:
    if _is_scalar(value):
        return value
    if isinstance(value, list | tuple):
        if all(isinstance(item, str) for item in value):
            return list(value)
        if all(isinstance(item, Mapping) for item in value):
            return [_normalize_record(item, field=field, uid=uid) for item in value]
    raise ArchiveError(
        "archive_unsupported_value", field=field, uid=uid, type=type(value).__name__
    )


def _normalize_record(item: Mapping, *, field: str, uid: str) -> dict[str, Scalar]:
    record = {}
    for key, value in item.items():
        if not _is_scalar(value):
            raise ArchiveError(
                "archive_unsupported_value",
                field=f"{field}.{key}",
                uid=uid,
                type=type(value).__name__,
            )
        record[str(key)] = value
    return record


def _is_scalar(value) -> bool:
    return value is None or isinstance(value, str | date | bool)


def append_fields(
    parent: etree._Element, ns: str, fields: Mapping, *, owner: str
) -> None:
    """Append one element per field to ``parent``, in the fields' order.

    ``owner`` (the document's UID) names the document in errors.
    """
    for name, value in fields.items():
        with xml_text_guard(owner, field=name):
            _append_field(parent, ns, name, value)


def _append_field(parent: etree._Element, ns: str, name: str, value) -> None:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        element = etree.SubElement(parent, f"{{{ns}}}records", name=name)
        for item in value:
            record = etree.SubElement(element, f"{{{ns}}}record")
            for key, scalar in item.items():
                _append_scalar(record, ns, key, scalar)
    elif isinstance(value, list):
        element = etree.SubElement(parent, f"{{{ns}}}list", name=name)
        for item in value:
            etree.SubElement(element, f"{{{ns}}}item").text = item
    else:
        _append_scalar(parent, ns, name, value)


def _append_scalar(parent: etree._Element, ns: str, name: str, value: Scalar) -> None:
    if value is None:
        etree.SubElement(parent, f"{{{ns}}}empty", name=name)
        return
    tag, text = _scalar_form(value)
    etree.SubElement(parent, f"{{{ns}}}{tag}", name=name).text = text


def _scalar_form(value: Scalar) -> tuple[str, str]:
    # bool before anything else (it is an int); datetime before date (a subclass).
    if isinstance(value, bool):
        return "boolean", "true" if value else "false"
    if isinstance(value, datetime):
        return "dateTime", value.isoformat()
    if isinstance(value, date):
        return "date", value.isoformat()
    return "text", value


def read_fields(parent: etree._Element) -> dict[str, FieldValue]:
    """The inverse of ``append_fields`` for an element already schema-valid."""
    fields: dict[str, FieldValue] = {}
    for element in parent:
        tag = etree.QName(element).localname
        name = element.get("name")
        if tag == "records":
            fields[name] = [
                {child.get("name"): _read_scalar(child) for child in record}
                for record in element
            ]
        elif tag == "list":
            fields[name] = [item.text or "" for item in element]
        else:
            fields[name] = _read_scalar(element)
    return fields


def _read_scalar(element: etree._Element) -> Scalar:
    tag = etree.QName(element).localname
    text = element.text or ""
    if tag == "empty":
        return None
    if tag == "boolean":
        return text.strip() in ("true", "1")
    if tag == "dateTime":
        return datetime.fromisoformat(text.strip())
    if tag == "date":
        return date.fromisoformat(text.strip())
    if tag == "text":
        return text
    raise AssertionError(f"schema-valid fields hold no {tag}")  # pragma: no cover
