"""Where each item goes in an archival package, and safe names for it.

The layout follows the state archives' convention for a paczka archiwalna:
``dokumenty/`` (the documents), ``metadane/`` (one metadata file per item in
``dokumenty/``, named after it: ``dokumenty/X`` → ``metadane/X.xml``),
``sprawy/`` (one XML per case), at the root of the package with no folder
around them. Each family file gets a folder named after its case reference
(znak sprawy) inside ``dokumenty/`` and ``metadane/``.
"""

import re
import unicodedata
from dataclasses import dataclass

from mgops.caseflow.core.archive.model import DocumentRecord
from mgops.caseflow.core.archive.model import FamilyFileRecord


DOCUMENTS_DIR = "dokumenty"
METADATA_DIR = "metadane"
CASES_DIR = "sprawy"
SCHEMAS_DIR = "schemas"
HANDOVER_LIST = "spis-zdawczo-odbiorczy.xml"
MANIFEST = "manifest.xml"

_UNSAFE_CHARACTERS = re.compile(r"[^\w.\-() ]")
_WINDOWS_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}
_MAX_NAME = 120
_MAX_EXTENSION = 16


def safe_file_name(name: str, fallback: str = "plik") -> str:
    """A name that is safe on every file system and in every zip tool.

    Keeps letters (Polish ones too), digits, ``.-_()`` and spaces; drops any
    folder part, leading and trailing dots and spaces, and device names that
    Windows reserves; shortens long names but keeps the extension.
    """
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_CHARACTERS.sub("_", name).strip(" .")
    if not name:
        return fallback
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > _MAX_EXTENSION:
        stem, dot, extension = name, "", ""
    if stem.split(".")[0].upper() in _WINDOWS_DEVICES:
        stem = "_" + stem
    stem = stem[: _MAX_NAME - len(dot + extension)].rstrip(" .") or fallback
    return stem + dot + extension


def unique_names(names) -> list[str]:
    """Safe names for ``names``, made distinct even where case is ignored."""
    taken: set[str] = set()
    result = []
    for name in names:
        candidate = safe_file_name(name)
        stem, dot, extension = candidate.rpartition(".")
        if not dot:
            stem, extension = candidate, ""
        number = 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{stem}-{number}{dot}{extension}"
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def metadata_path(item_path: str) -> str:
    """``dokumenty/X`` → ``metadane/X.xml``."""
    relative = item_path.removeprefix(DOCUMENTS_DIR + "/")
    return f"{METADATA_DIR}/{relative}.xml"


def item_path_of_metadata(path: str) -> str:
    """``metadane/X.xml`` → ``dokumenty/X`` (the inverse of ``metadata_path``)."""
    relative = path.removeprefix(METADATA_DIR + "/").removesuffix(".xml")
    return f"{DOCUMENTS_DIR}/{relative}"


def _segment(text: str, fallback: str = "plik") -> str:
    """One safe path segment for an identifier, keeping what a slash separated."""
    return safe_file_name(text.replace("/", "_").replace("\\", "_"), fallback)


def case_folder(record: FamilyFileRecord) -> str:
    """The family file's folder: its case reference (znak sprawy), made safe."""
    return _segment(record.case_reference, fallback=_segment(record.uid))


def case_path(record: FamilyFileRecord) -> str:
    return f"{CASES_DIR}/{case_folder(record)}.xml"


#: The folder, inside the family file's folder, of the files the family file
#: holds itself (the "Za życiem" medical certificate). No document folder can
#: take this name: theirs start with the document's kind.
CASE_ATTACHMENTS_FOLDER = "akta-rodziny"


def case_attachment_paths(record: FamilyFileRecord) -> tuple[str, ...]:
    """Where the family file's own files go, their names made distinct."""
    folder = f"{DOCUMENTS_DIR}/{case_folder(record)}/{CASE_ATTACHMENTS_FOLDER}"
    names = unique_names(a.filename for a in record.attachments)
    return tuple(f"{folder}/{name}" for name in names)


@dataclass(frozen=True)
class DocumentPaths:
    """The package paths of one document: its XML, signed XML and attachments."""

    document: str
    signature: str | None
    attachments: tuple[str, ...]

    @classmethod
    def of(cls, record: FamilyFileRecord, document: DocumentRecord):
        """Where ``document`` of ``record`` goes; attachment names made distinct."""
        stem = (
            f"{DOCUMENTS_DIR}/{case_folder(record)}/"
            f"{document.kind}-{_segment(document.uid)}"
        )
        names = unique_names(a.filename for a in document.attachments)
        return cls(
            document=f"{stem}.xml",
            signature=f"{stem}.xades.xml" if document.signature else None,
            attachments=tuple(f"{stem}/{name}" for name in names),
        )


def paths_of(paths: DocumentPaths) -> list[str]:
    """Every package path of a document, metadata files included."""
    items = [paths.document, *([paths.signature] if paths.signature else [])]
    items.extend(paths.attachments)
    return [*items, *(metadata_path(item) for item in items)]


def is_safe_package_path(path: str) -> bool:
    """True for a relative POSIX path that cannot step out of the package."""
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        return False
    parts = path.split("/")
    return all(part not in ("", ".", "..") for part in parts) and ":" not in parts[0]
