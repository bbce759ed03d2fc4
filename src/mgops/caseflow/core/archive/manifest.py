"""The manifest of a package: every other file with its size and SHA-256.

The manifest is written last (it covers everything else) and read first: the
reader trusts nothing in a package until every file matches it. Its
``exportedAt`` is the one place in a package that depends on when the export
ran, so two exports of the same records differ only there.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from lxml import etree

from mgops.caseflow.core.archive.layout import MANIFEST
from mgops.caseflow.core.archive.safe_xml import iter_validated
from mgops.caseflow.core.archive.spool import XmlSpool
from mgops.caseflow.core.archive.validation import MANIFEST as MANIFEST_SCHEMA
from mgops.caseflow.core.archive.validation import NAMESPACE


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    size: int
    sha256: str


class ManifestBuilder:
    """The manifest, spooled to disk one file entry at a time."""

    def __init__(self, exported_at: datetime):
        self._spool = XmlSpool(_q("manifest"), {None: NAMESPACE}, {"version": "1"})
        self._spool.entry(_q("exportedAt"), text=exported_at.isoformat())

    def add(self, entry: ManifestEntry) -> None:
        self._spool.entry(
            _q("file"),
            {"path": entry.path, "size": str(entry.size), "sha256": entry.sha256},
        )

    def finish(self) -> BinaryIO:
        return self._spool.finish()

    def discard(self) -> None:
        self._spool.discard()


@dataclass
class Manifest:
    exported_at: datetime
    entries: list[ManifestEntry]


def read_manifest(stream: BinaryIO, *, schema: etree.XMLSchema) -> Manifest:
    """Read and validate a manifest as a stream (it can list many files)."""
    exported_at = None
    entries = []
    for element in _iter(stream, schema):
        if element.tag == _q("exportedAt"):
            exported_at = datetime.fromisoformat(element.text.strip())
        else:
            entries.append(
                ManifestEntry(
                    path=element.get("path"),
                    size=int(element.get("size")),
                    sha256=element.get("sha256"),
                )
            )
    return Manifest(exported_at=exported_at, entries=entries)


def validate_manifest(stream: BinaryIO, *, schema: etree.XMLSchema) -> None:
    """Validate a manifest as a stream, keeping nothing (for the writer)."""
    for _element in _iter(stream, schema):
        pass


def _iter(stream: BinaryIO, schema: etree.XMLSchema) -> Iterator[etree._Element]:
    yield from iter_validated(
        stream,
        path=MANIFEST,
        schema=schema,
        schema_name=MANIFEST_SCHEMA,
        tag=(_q("exportedAt"), _q("file")),
    )
