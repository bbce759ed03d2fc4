"""Reading an archival package back into family file records.

Nothing is yielded until the whole package has been checked: the manifest
lists exactly the files there are, each file has the size and SHA-256 the
manifest gives, every XML is well-formed, free of DTDs and entities and
valid against the trusted schemas, every item in ``dokumenty/`` belongs to a
document and has its metadata, and the handover list matches ``sprawy/``.
Only then are the records built, equal to those that were exported, so that
export → read → export gives the same package.
"""

import hashlib
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from mgops.caseflow.core.archive.case_xml import case_documents
from mgops.caseflow.core.archive.case_xml import case_files
from mgops.caseflow.core.archive.case_xml import read_case
from mgops.caseflow.core.archive.document_xml import document_files
from mgops.caseflow.core.archive.document_xml import read_document
from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.handover import read_handover_list
from mgops.caseflow.core.archive.layout import CASES_DIR
from mgops.caseflow.core.archive.layout import DOCUMENTS_DIR
from mgops.caseflow.core.archive.layout import HANDOVER_LIST
from mgops.caseflow.core.archive.layout import MANIFEST
from mgops.caseflow.core.archive.layout import METADATA_DIR
from mgops.caseflow.core.archive.layout import SCHEMAS_DIR
from mgops.caseflow.core.archive.layout import is_safe_package_path
from mgops.caseflow.core.archive.layout import item_path_of_metadata
from mgops.caseflow.core.archive.layout import metadata_path
from mgops.caseflow.core.archive.manifest import ManifestEntry
from mgops.caseflow.core.archive.manifest import read_manifest
from mgops.caseflow.core.archive.model import FamilyFileRecord
from mgops.caseflow.core.archive.safe_xml import MAX_XML_BYTES
from mgops.caseflow.core.archive.safe_xml import parse_bytes
from mgops.caseflow.core.archive.sources import open_source
from mgops.caseflow.core.archive.validation import CASE
from mgops.caseflow.core.archive.validation import DOCUMENT
from mgops.caseflow.core.archive.validation import MANIFEST as MANIFEST_SCHEMA
from mgops.caseflow.core.archive.validation import NDAP_HANDOVER_LIST
from mgops.caseflow.core.archive.validation import NDAP_METADATA
from mgops.caseflow.core.archive.validation import ArchiveSchemas
from mgops.caseflow.core.archive.xml_common import child_text


CHUNK = 64 * 1024


@dataclass(frozen=True)
class PackageInfo:
    exported_at: datetime
    family_files: int
    documents: int
    files: int


def read_package(
    source, *, schemas: ArchiveSchemas, max_xml_bytes: int = MAX_XML_BYTES
) -> Iterator[FamilyFileRecord]:
    """Verify the package at ``source``, then yield its family files in order.

    Attachments are read from the package when their chunks are asked for,
    so consume them before moving past the last record.
    """
    with PackageReader(source, schemas=schemas, max_xml_bytes=max_xml_bytes) as reader:
        yield from reader.records()


class PackageReader:
    """A package opened for reading: ``verify()``, then ``records()``.

    ``source`` is a directory, a zip file path or a binary file object.
    """

    def __init__(
        self, source, *, schemas: ArchiveSchemas, max_xml_bytes: int = MAX_XML_BYTES
    ):
        self._source = open_source(source)
        self._schemas = schemas
        self._max_xml_bytes = max_xml_bytes
        self._info: PackageInfo | None = None
        self._listed: dict[str, ManifestEntry] = {}
        self._case_paths: list[str] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        self._source.close()

    # -- verification -----------------------------------------------------

    def verify(self) -> PackageInfo:
        """Check the whole package; raise ``ArchiveError`` at the first fault."""
        if self._info is None:
            manifest = self._check_manifest()
            self._check_checksums(manifest.entries)
            documents = self._check_contents(manifest.entries)
            self._info = PackageInfo(
                exported_at=manifest.exported_at,
                family_files=len(self._case_paths),
                documents=documents,
                files=len(manifest.entries) + 1,
            )
        return self._info

    def _check_manifest(self):
        files = self._source.files()
        if MANIFEST not in files:
            raise ArchiveError("archive_manifest_missing", path=MANIFEST)
        with self._source.open(MANIFEST) as stream:
            manifest = _converted(
                MANIFEST,
                lambda: read_manifest(
                    stream, schema=self._schemas.get(MANIFEST_SCHEMA)
                ),
            )
        for entry in manifest.entries:
            if not is_safe_package_path(entry.path) or entry.path == MANIFEST:
                raise ArchiveError("archive_unsafe_path", path=entry.path)
            if entry.path in self._listed:
                raise ArchiveError("archive_duplicate_entry", path=entry.path)
            if entry.path not in files:
                raise ArchiveError("archive_file_missing", path=entry.path)
            self._listed[entry.path] = entry
        for path in sorted(files):
            if path != MANIFEST and path not in self._listed:
                raise ArchiveError("archive_file_unlisted", path=path)
        return manifest

    def _check_checksums(self, entries: list[ManifestEntry]) -> None:
        sizes = self._source.files()
        for entry in entries:
            if sizes[entry.path] != entry.size:
                raise ArchiveError("archive_checksum_mismatch", path=entry.path)
            for _chunk in self._checked_chunks(entry.path, entry.size, entry.sha256):
                pass

    def _check_contents(self, entries: list[ManifestEntry]) -> int:
        """Schema validity and cross-references of everything; the document count."""
        items: dict[str, str] = {}  # path in dokumenty/ → the file that refers to it
        cases = []
        for entry in entries:
            kind = _kind_of(entry.path)
            if kind is None:
                raise ArchiveError("archive_unexpected_file", path=entry.path)
            if kind == CASES_DIR:
                self._case_paths.append(entry.path)
                cases.append(self._check_case(entry.path, items))
        for entry in entries:
            kind = _kind_of(entry.path)
            if kind == DOCUMENTS_DIR and entry.path not in items:
                raise ArchiveError("archive_orphan_file", path=entry.path)
            if kind == METADATA_DIR and item_path_of_metadata(entry.path) not in items:
                raise ArchiveError("archive_orphan_metadata", path=entry.path)
        for item in items:
            expected = metadata_path(item)
            if expected not in self._listed:
                raise ArchiveError(
                    "archive_metadata_missing", path=item, expected=expected
                )
            self._parse(expected, NDAP_METADATA)
        self._check_handover_list(cases)
        return sum(count for _reference, count in cases)

    def _check_case(self, path: str, items: dict[str, str]) -> tuple[str, int]:
        root = self._parse(path, CASE)
        reference = child_text(root, "caseReference")
        documents = []
        for uid, portal_type, document_path in case_documents(root):
            self._claim(document_path, path, items, suffix=".xml")
            document = self._parse(document_path, DOCUMENT)
            if (
                document.get("uid") != uid
                or document.get("portalType") != portal_type
                or child_text(document, "caseReference") != reference
            ):
                raise ArchiveError(
                    "archive_reference_mismatch", path=path, target=document_path
                )
            for file_path, size, sha256 in document_files(document):
                self._claim(file_path, document_path, items)
                entry = self._listed[file_path]
                if (entry.size, entry.sha256) != (size, sha256):
                    raise ArchiveError(
                        "archive_reference_mismatch",
                        path=document_path,
                        target=file_path,
                    )
            record = _converted(
                document_path,
                lambda document=document: read_document(
                    document, open_file=_unread, read_file=self._read_signed_xml
                ),
            )
            documents.append(record)
        for file_path, size, sha256 in case_files(root):
            self._claim(file_path, path, items)
            entry = self._listed[file_path]
            if (entry.size, entry.sha256) != (size, sha256):
                raise ArchiveError(
                    "archive_reference_mismatch", path=path, target=file_path
                )
        _converted(path, lambda: read_case(root, tuple(documents)))
        return reference, len(documents)

    def _claim(self, path: str, owner: str, items: dict[str, str], suffix="") -> None:
        """Note that ``owner`` refers to ``path``, which must be its own file."""
        if (
            _kind_of(path) != DOCUMENTS_DIR
            or not path.endswith(suffix)
            or path not in self._listed
            or path in items
        ):
            raise ArchiveError("archive_reference_mismatch", path=owner, target=path)
        items[path] = owner

    def _check_handover_list(self, cases: list[tuple[str, int]]) -> None:
        if HANDOVER_LIST not in self._listed:
            raise ArchiveError("archive_handover_mismatch")
        with self._source.open(HANDOVER_LIST) as stream:
            entries = read_handover_list(
                stream, schema=self._schemas.get(NDAP_HANDOVER_LIST)
            )
            found = [
                (entry.number, entry.case_reference, entry.document_count)
                for entry in entries
            ]
        expected = [
            (number, reference, count)
            for number, (reference, count) in enumerate(cases, start=1)
        ]
        if found != expected:
            raise ArchiveError("archive_handover_mismatch")

    # -- reading ----------------------------------------------------------

    def records(self) -> Iterator[FamilyFileRecord]:
        """The family files in the order they were exported (verifies first)."""
        self.verify()
        for path in self._case_paths:
            root = self._parse(path, CASE)
            documents = tuple(
                read_document(
                    self._parse(document_path, DOCUMENT),
                    open_file=self._opener,
                    read_file=self._read_signed_xml,
                )
                for _uid, _portal_type, document_path in case_documents(root)
            )
            yield read_case(root, documents, open_file=self._opener)

    def _parse(self, path: str, schema_name: str):
        entry = self._listed[path]
        if entry.size > self._max_xml_bytes:
            raise ArchiveError(
                "archive_xml_too_large", path=path, limit=self._max_xml_bytes
            )
        data = b"".join(self._checked_chunks(path, entry.size, entry.sha256))
        tree = parse_bytes(data, path=path, max_bytes=self._max_xml_bytes)
        self._schemas.validate(schema_name, tree, path=path)
        return tree.getroot()

    def _read_signed_xml(self, path: str) -> bytes:
        entry = self._listed[path]
        data = b"".join(self._checked_chunks(path, entry.size, entry.sha256))
        parse_bytes(data, path=path, max_bytes=self._max_xml_bytes)
        return data

    def _opener(self, path: str, size: int, sha256: str) -> Callable[[], Iterator]:
        return lambda: self._checked_chunks(path, size, sha256)

    def _checked_chunks(self, path: str, size: int, sha256: str) -> Iterator[bytes]:
        """The file's bytes, refused if they are not exactly ``size`` / ``sha256``.

        Reading stops as soon as a file runs longer than announced, so a
        zip bomb costs no more than the size the manifest admits.
        """
        digest = hashlib.sha256()
        total = 0
        try:
            with self._source.open(path) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > size:
                        break
                    digest.update(chunk)
                    yield chunk
        except ArchiveError:
            raise
        except Exception as error:  # a damaged zip entry: bad CRC, bad deflate …
            raise ArchiveError("archive_checksum_mismatch", path=path) from error
        if total != size or digest.hexdigest() != sha256:
            raise ArchiveError("archive_checksum_mismatch", path=path)


def _kind_of(path: str) -> str | None:
    """Which part of the package ``path`` belongs to, or None if it has no place."""
    top, _, rest = path.partition("/")
    if path in (HANDOVER_LIST, MANIFEST):
        return path
    if top in (SCHEMAS_DIR, DOCUMENTS_DIR, METADATA_DIR) and rest:
        return top
    if top == CASES_DIR and "/" not in rest and rest.endswith(".xml"):
        return top
    return None


def _unread(path: str, size: int, sha256: str):
    """An opener for checks that build a record but never read its attachments."""
    return lambda: iter(())


def _converted(path: str, build):
    """Run ``build``; a value the schema let through but Python cannot take is refused.

    (xs:dateTime admits forms such as hour 24 that ``datetime`` does not.)
    """
    try:
        return build()
    except ArchiveError:
        raise
    except (ValueError, TypeError, AttributeError) as error:
        raise ArchiveError("archive_malformed_xml", path=path, detail=error) from error
