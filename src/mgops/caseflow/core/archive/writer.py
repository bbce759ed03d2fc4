"""The streaming package writer: family file records in, archival package out.

Records come from an iterator and leave one at a time: each family file's
documents, signed decisions, attachments, metadata and case XML are written
as soon as they are made, and the two lists that grow with the export (the
manifest and the handover list) are spooled to disk. Memory therefore stays
the same for 10 or 10,000 family files. Every XML is validated against its
schema before it is written; on any error the target drops what it has, so
a failed export offers nothing.

Package layout (order of writing): ``schemas/`` (the XSDs), then per family
file ``dokumenty/<case>/…`` with each item's ``metadane/<case>/….xml`` (the
documents, then the family file's own files in
``dokumenty/<case>/akta-rodziny/``) and ``sprawy/<case>.xml``, then ``spis-zdawczo-odbiorczy.xml`` and, last,
``manifest.xml``.
"""

import hashlib
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime

from mgops.caseflow.core.archive.case_xml import build_case
from mgops.caseflow.core.archive.document_xml import build_document
from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.handover import HandoverList
from mgops.caseflow.core.archive.handover import read_handover_list
from mgops.caseflow.core.archive.institution import ArchiveSettings
from mgops.caseflow.core.archive.layout import DOCUMENTS_DIR
from mgops.caseflow.core.archive.layout import HANDOVER_LIST
from mgops.caseflow.core.archive.layout import MANIFEST
from mgops.caseflow.core.archive.layout import DocumentPaths
from mgops.caseflow.core.archive.layout import case_attachment_paths
from mgops.caseflow.core.archive.layout import case_folder
from mgops.caseflow.core.archive.layout import case_path
from mgops.caseflow.core.archive.layout import metadata_path
from mgops.caseflow.core.archive.layout import paths_of
from mgops.caseflow.core.archive.manifest import ManifestBuilder
from mgops.caseflow.core.archive.manifest import ManifestEntry
from mgops.caseflow.core.archive.manifest import validate_manifest
from mgops.caseflow.core.archive.model import DocumentRecord
from mgops.caseflow.core.archive.model import FamilyFileRecord
from mgops.caseflow.core.archive.ndap import ATTACHMENT
from mgops.caseflow.core.archive.ndap import CASE_ATTACHMENT
from mgops.caseflow.core.archive.ndap import DOCUMENT
from mgops.caseflow.core.archive.ndap import SIGNATURE
from mgops.caseflow.core.archive.ndap import Item
from mgops.caseflow.core.archive.ndap import build_case_metadata
from mgops.caseflow.core.archive.ndap import build_metadata
from mgops.caseflow.core.archive.safe_xml import parse_bytes
from mgops.caseflow.core.archive.seen import SeenNames
from mgops.caseflow.core.archive.targets import PackageTarget
from mgops.caseflow.core.archive.validation import CASE
from mgops.caseflow.core.archive.validation import DOCUMENT as DOCUMENT_SCHEMA
from mgops.caseflow.core.archive.validation import MANIFEST as MANIFEST_SCHEMA
from mgops.caseflow.core.archive.validation import NDAP_HANDOVER_LIST
from mgops.caseflow.core.archive.validation import NDAP_METADATA
from mgops.caseflow.core.archive.validation import ArchiveSchemas
from mgops.caseflow.core.archive.xml_common import to_bytes


XML_MEDIA_TYPE = "application/xml"
COPY_CHUNK = 64 * 1024

#: Called after each family file with (family files done, documents done).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportSummary:
    family_files: int
    documents: int
    files: int
    bytes: int
    exported_at: datetime


def write_package(
    records: Iterable[FamilyFileRecord],
    target: PackageTarget,
    *,
    schemas: ArchiveSchemas,
    settings: ArchiveSettings,
    exported_at: datetime | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write ``records`` as one archival package to ``target`` and offer it.

    ``exported_at`` (default: now, UTC, whole seconds) goes only into the
    manifest; the rest of the package depends on the records and settings
    alone. On any error the target is aborted and the error re-raised.
    """
    writer = PackageWriter(
        target, schemas=schemas, settings=settings, exported_at=exported_at
    )
    try:
        for record in records:
            writer.add(record)
            if progress is not None:
                progress(writer.family_files, writer.documents)
        return writer.finish()
    except BaseException:
        writer.abort()
        raise


class PackageWriter:
    """Writes one package; ``add`` each family file, then ``finish`` (or ``abort``)."""

    def __init__(
        self,
        target: PackageTarget,
        *,
        schemas: ArchiveSchemas,
        settings: ArchiveSettings,
        exported_at: datetime | None = None,
    ):
        self._target = target
        self._schemas = schemas
        self._settings = settings
        self.exported_at = exported_at or datetime.now(UTC).replace(microsecond=0)
        self._manifest = ManifestBuilder(self.exported_at)
        self._handover = HandoverList()
        self._folders = SeenNames()
        self.family_files = 0
        self.documents = 0
        self.files = 0
        self.bytes = 0
        try:
            for schema in schemas.files():
                self._put_bytes(schema.package_path, schema.source.read_bytes())
        except BaseException:
            self.abort()
            raise

    def add(self, record: FamilyFileRecord) -> None:
        """Write one family file with all its documents."""
        if record.ended is None:
            raise ArchiveError(
                "archive_file_not_ended", reference=record.case_reference
            )
        folder = case_folder(record)
        if not self._folders.add(folder.casefold()):
            raise ArchiveError(
                "archive_duplicate_path", path=f"{DOCUMENTS_DIR}/{folder}"
            )
        corrected_by = _corrections(record)
        document_paths = []
        taken: set[str] = set()
        for document in record.documents:
            paths = DocumentPaths.of(record, document)
            for path in paths_of(paths):
                if path.casefold() in taken:
                    raise ArchiveError("archive_duplicate_path", path=path)
                taken.add(path.casefold())
            self._write_document(
                record, document, paths, corrected_by.get(document.uid, ())
            )
            document_paths.append(paths.document)
            self.documents += 1
        attachment_paths = case_attachment_paths(record)
        for path in attachment_paths:
            for name in (path, metadata_path(path)):
                if name.casefold() in taken:
                    raise ArchiveError("archive_duplicate_path", path=name)
                taken.add(name.casefold())
        for index, (attachment, path) in enumerate(
            zip(record.attachments, attachment_paths, strict=True), start=1
        ):
            size = self._put_attachment(attachment, path, record.uid)
            media_type = attachment.content_type or "application/octet-stream"
            item = Item(CASE_ATTACHMENT, path, media_type, size, index)
            root = build_case_metadata(record, item, settings=self._settings)
            self._put_xml(metadata_path(path), root, NDAP_METADATA)
        path = case_path(record)
        root = build_case(record, document_paths, attachment_paths)
        self._put_xml(path, root, CASE)
        self._handover.add(record)
        self.family_files += 1

    def finish(self) -> ExportSummary:
        """Write the handover list and the manifest, then offer the package."""
        if self.family_files == 0:
            raise ArchiveError("archive_empty")
        handover = self._handover.finish()
        for _entry in read_handover_list(
            handover, schema=self._schemas.get(NDAP_HANDOVER_LIST)
        ):
            pass
        handover.seek(0)
        self._put_file(HANDOVER_LIST, handover)
        manifest = self._manifest.finish()
        validate_manifest(manifest, schema=self._schemas.get(MANIFEST_SCHEMA))
        manifest.seek(0)
        self._put_file(MANIFEST, manifest, listed=False)
        handover.close()
        manifest.close()
        self._folders.close()
        self._target.commit()
        return ExportSummary(
            family_files=self.family_files,
            documents=self.documents,
            files=self.files,
            bytes=self.bytes,
            exported_at=self.exported_at,
        )

    def abort(self) -> None:
        """Drop everything: spools, and whatever the target holds so far."""
        self._handover.discard()
        self._manifest.discard()
        self._folders.close()
        self._target.abort()

    # -- one document -----------------------------------------------------

    def _write_document(
        self,
        record: FamilyFileRecord,
        document: DocumentRecord,
        paths: DocumentPaths,
        corrected_by: tuple[str, ...],
    ) -> None:
        root = build_document(
            document, case_reference=record.case_reference, paths=paths
        )
        size = self._put_xml(paths.document, root, DOCUMENT_SCHEMA)
        self._put_metadata(
            record,
            document,
            Item(DOCUMENT, paths.document, XML_MEDIA_TYPE, size),
            corrected_by,
        )
        if document.signature is not None:
            signed = document.signature.signed_xml
            # Written as is, never re-serialised, so the XAdES signature still
            # verifies; parsed only to refuse what the reader would refuse.
            parse_bytes(signed, path=paths.signature)
            self._put_bytes(paths.signature, signed)
            item = Item(SIGNATURE, paths.signature, XML_MEDIA_TYPE, len(signed))
            self._put_metadata(record, document, item)
        for index, (attachment, path) in enumerate(
            zip(document.attachments, paths.attachments, strict=True), start=1
        ):
            size = self._put_attachment(attachment, path, document.uid)
            media_type = attachment.content_type or "application/octet-stream"
            item = Item(ATTACHMENT, path, media_type, size, index)
            self._put_metadata(record, document, item)

    def _put_attachment(self, attachment, path: str, owner_uid: str) -> int:
        """Stream an attachment, refused unless it is the size and checksum given."""
        size, sha256 = self._put_chunks(
            path, attachment.chunks(), attachment.size, limit=attachment.size
        )
        if size != attachment.size or sha256 != attachment.sha256:
            raise ArchiveError(
                "archive_attachment_mismatch",
                filename=attachment.filename,
                uid=owner_uid,
            )
        return size

    def _put_metadata(self, record, document, item: Item, corrected_by=()) -> None:
        root = build_metadata(
            record, document, item, settings=self._settings, corrected_by=corrected_by
        )
        self._put_xml(metadata_path(item.path), root, NDAP_METADATA)

    # -- writing files ----------------------------------------------------

    def _put_xml(self, path: str, root, schema_name: str) -> int:
        self._schemas.validate(schema_name, root, path=path)
        data = to_bytes(root)
        self._put_bytes(path, data)
        return len(data)

    def _put_bytes(self, path: str, data: bytes) -> None:
        with self._target.open(path, len(data)) as out:
            out.write(data)
        self._listed(path, len(data), hashlib.sha256(data).hexdigest())

    def _put_file(self, path: str, file, *, listed: bool = True) -> None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
        chunks = iter(lambda: file.read(COPY_CHUNK), b"")
        self._put_chunks(path, chunks, size, listed=listed)

    def _put_chunks(
        self,
        path: str,
        chunks,
        size_hint: int,
        *,
        limit: int | None = None,
        listed: bool = True,
    ) -> tuple[int, str]:
        digest = hashlib.sha256()
        size = 0
        with self._target.open(path, size_hint) as out:
            for chunk in chunks:
                size += len(chunk)
                if limit is not None and size > limit:
                    break  # more than announced: stop, the caller refuses it
                digest.update(chunk)
                out.write(chunk)
        if listed:
            self._listed(path, size, digest.hexdigest())
        else:
            self.files += 1
            self.bytes += size
        return size, digest.hexdigest()

    def _listed(self, path: str, size: int, sha256: str) -> None:
        self._manifest.add(ManifestEntry(path, size, sha256))
        self.files += 1
        self.bytes += size


def _corrections(record: FamilyFileRecord) -> dict[str, tuple[str, ...]]:
    """For each corrected document, the UIDs of the documents correcting it.

    Also refuses a family file that holds the same document twice.
    """
    seen: set[str] = set()
    corrected_by: dict[str, tuple[str, ...]] = {}
    for document in record.documents:
        if document.uid in seen:
            raise ArchiveError(
                "archive_duplicate_document",
                uid=document.uid,
                reference=record.case_reference,
            )
        seen.add(document.uid)
        if document.corrects:
            corrected_by[document.corrects] = (
                *corrected_by.get(document.corrects, ()),
                document.uid,
            )
    return corrected_by
