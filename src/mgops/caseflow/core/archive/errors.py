"""The one exception of the archive package, with every message it can carry.

All messages live in ``MESSAGES`` so the translation catalogue can be checked
against one table, and so a raise site cannot invent an id without a default.
``ArchiveError`` is of the ``core.errors`` family, so the Plone half renders
it like every other refusal.
"""

from contextlib import contextmanager

from mgops.caseflow.core.errors import PLACEHOLDER
from mgops.caseflow.core.errors import CaseflowError


#: errors of the deployment, not of the request: the server answers 500
SERVER_ERRORS = {"archive_schemas_missing"}

MESSAGES = {
    # Records handed to the writer
    "archive_unknown_portal_type": (
        "Document ${uid} has the type ${portal_type}, which cannot be archived."
    ),
    "archive_unknown_family_path": (
        "Family file ${reference} has the path ${path}; expected standard or za_zyciem."
    ),
    "archive_signature_not_decision": (
        "Document ${uid} is not a decision but carries a signature."
    ),
    "archive_unsupported_value": (
        "Field ${field} of document ${uid} holds a value of type ${type},"
        " which cannot be archived."
    ),
    "archive_invalid_text": (
        "${where}: the text contains characters that an XML document cannot hold."
    ),
    "archive_invalid_field_text": (
        "Field ${field} of document ${uid} contains characters that an XML document"
        " cannot hold."
    ),
    "archive_invalid_checksum": (
        "Attachment ${filename} has an invalid SHA-256 checksum: ${checksum}."
    ),
    "archive_attachment_mismatch": (
        "Attachment ${filename} of document ${uid} does not match its recorded"
        " size or checksum."
    ),
    "archive_file_not_ended": (
        "Family file ${reference} has no end date; only ended family files can be"
        " archived."
    ),
    "archive_duplicate_document": (
        "Document ${uid} appears twice in family file ${reference}."
    ),
    "archive_duplicate_path": (
        "Two items would be written to the same place in the package: ${path}."
    ),
    "archive_empty": "Nothing to export: no family files were given.",
    # Validation of what is written
    "archive_invalid_xml": "${path} does not conform to ${schema}: ${detail}",
    "archive_schemas_missing": (
        "The NDAP schema ${name} was not found in ${directory}."
    ),
    "archive_target_not_empty": "The target directory ${path} is not empty.",
    # Reading a package back
    "archive_not_a_package": "${source} is neither a directory nor a zip file.",
    "archive_manifest_missing": "The package has no manifest (${path}).",
    "archive_unsafe_path": "The package contains an unsafe file name: ${path}.",
    "archive_file_missing": "A file listed in the manifest is missing: ${path}.",
    "archive_file_unlisted": "A file is not listed in the manifest: ${path}.",
    "archive_checksum_mismatch": (
        "${path} does not match the size or checksum given in the manifest."
    ),
    "archive_duplicate_entry": "${path} is listed twice in the package.",
    "archive_hostile_xml": (
        "${path} contains a document type declaration or entities, which are not"
        " allowed."
    ),
    "archive_xml_too_large": "${path} is larger than the allowed ${limit} bytes.",
    "archive_malformed_xml": "${path} is not well-formed XML: ${detail}",
    "archive_unexpected_file": "${path} does not belong in an archival package.",
    "archive_metadata_missing": "${path} has no metadata file ${expected}.",
    "archive_orphan_metadata": "${path} describes no file in dokumenty/.",
    "archive_orphan_file": "${path} is not referred to by any document.",
    "archive_reference_mismatch": (
        "${path} refers to ${target}, which does not match the package."
    ),
    "archive_handover_mismatch": (
        "The handover list does not match the family files in sprawy/."
    ),
}


class ArchiveError(CaseflowError):
    """Export or import of an archival package failed; nothing was offered.

    The English text comes from ``MESSAGES``; the mapping must fill exactly its
    placeholders. A missing schema is the deployment's fault (500), anything
    else the package's or the request's (400).
    """

    def __init__(self, msgid: str, **mapping):
        default = MESSAGES[msgid]
        expected = set(PLACEHOLDER.findall(default))
        if expected != set(mapping):
            raise TypeError(
                f"{msgid} needs {sorted(expected)}, was given {sorted(mapping)}"
            )
        super().__init__(
            msgid, default, **{name: str(value) for name, value in mapping.items()}
        )
        if msgid in SERVER_ERRORS:
            self.status = 500


@contextmanager
def xml_text_guard(where: str, field: str | None = None):
    """Turn lxml's refusal of control characters into our error.

    lxml raises a bare ``ValueError`` when a string cannot appear in XML
    (NUL, most C0 control characters). ``where`` names the item (a document
    UID, a case reference, a package path); with ``field`` the error names
    the field of document ``where``.
    """
    try:
        yield
    except ArchiveError:
        raise
    except ValueError as error:
        if field is not None:
            raise ArchiveError(
                "archive_invalid_field_text", field=field, uid=where
            ) from error
        raise ArchiveError("archive_invalid_text", where=where) from error
