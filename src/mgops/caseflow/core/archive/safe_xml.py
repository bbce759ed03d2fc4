"""Parsing XML that comes from outside, without letting it reach further.

A package to import may have been made by anyone. Its XML is parsed with
entity resolution, DTD loading and network access off, and any document type
declaration is refused outright: that shuts out entity expansion ("billion
laughs"), external entities (reading local files or URLs) and DTD tricks.
Documents parsed into a tree have a size limit; the large lists (manifest,
handover list) are parsed as a stream and validated while they stream, so
memory stays flat however long they are.
"""

import io
from collections.abc import Iterator

from lxml import etree

from mgops.caseflow.core.archive.errors import ArchiveError


#: The largest XML file parsed into a tree (a document, a metadata file, a case).
MAX_XML_BYTES = 16 * 1024 * 1024


def hardened_parser(**options) -> etree.XMLParser:
    """A parser that never resolves entities, loads a DTD or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
        **options,
    )


def parse_bytes(
    data: bytes, *, path: str, max_bytes: int = MAX_XML_BYTES
) -> etree._ElementTree:
    """Parse ``data`` into a tree, refusing large, malformed or hostile XML."""
    if len(data) > max_bytes:
        raise ArchiveError("archive_xml_too_large", path=path, limit=max_bytes)
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as error:
        if _declares_doctype(data):
            raise ArchiveError("archive_hostile_xml", path=path) from error
        raise ArchiveError("archive_malformed_xml", path=path, detail=error) from error
    tree = root.getroottree()
    _refuse_doctype(tree, path)
    return tree


def iter_validated(
    stream: io.BufferedIOBase,
    *,
    path: str,
    schema: etree.XMLSchema,
    schema_name: str,
    tag: str | tuple[str, ...],
) -> Iterator[etree._Element]:
    """Yield each finished ``tag`` element while validating the whole stream.

    Each yielded element is cleared once the caller has moved on, so only one
    entry is in memory at a time. A schema error anywhere, even after the
    last yielded element, raises ``archive_invalid_xml``.
    """
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        schema=schema,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        collect_ids=False,
    )
    tags = (tag,) if isinstance(tag, str) else tag
    checked = False
    try:
        for event, element in events:
            if not checked:
                _refuse_doctype(element.getroottree(), path)
                checked = True
            if event == "end" and element.tag in tags:
                yield element
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        # Validation runs inside the parser: a schema error and a syntax error
        # arrive the same way, and both mean the file does not conform.
        raise ArchiveError(
            "archive_invalid_xml", path=path, schema=schema_name, detail=error
        ) from error


def _refuse_doctype(tree: etree._ElementTree, path: str) -> None:
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD:
        raise ArchiveError("archive_hostile_xml", path=path)


def _declares_doctype(data: bytes) -> bool:
    head = data[:4096].lstrip()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head
