"""Limits on what staff and integrators may store: lengths, dates, attachments.

Plain values in, ``RuleViolation`` out; ``content.limits`` attaches these to
the content schemas. The point is hostile or broken input (issue 7): a 10 MB
"family name", a birth date in 1800 or a visit in the year 3000, an executable
sent as a "medical certificate" — each is refused with a clear Polish message
instead of being stored or failing later in an export.
"""

from datetime import date

from mgops.caseflow.core.errors import RuleViolation


#: one line: names, places, references
MAX_LINE_LENGTH = 300
#: free text: findings, content of a note, goals — about 30 typed pages
MAX_TEXT_LENGTH = 100_000
#: the earliest date anything in a family file can carry (a birth date included)
EARLIEST_DATE = date(1900, 1, 1)
#: how far ahead a planned date (a contract's end, say) may reach
MAX_YEARS_AHEAD = 30

#: attachments: at most 20 MiB each
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

#: extension → (content types accepted as declared, magic prefixes of the data)
#: Scans and documents a social worker attaches: PDF, images, office documents
#: (OpenDocument and OOXML are zip files), plain text and XML.
ATTACHMENT_TYPES = {
    ".pdf": ({"application/pdf"}, (b"%PDF-",)),
    ".jpg": ({"image/jpeg", "image/pjpeg"}, (b"\xff\xd8\xff",)),
    ".jpeg": ({"image/jpeg", "image/pjpeg"}, (b"\xff\xd8\xff",)),
    ".png": ({"image/png"}, (b"\x89PNG\r\n\x1a\n",)),
    ".tif": ({"image/tiff"}, (b"II*\x00", b"MM\x00*")),
    ".tiff": ({"image/tiff"}, (b"II*\x00", b"MM\x00*")),
    ".odt": ({"application/vnd.oasis.opendocument.text"}, (b"PK\x03\x04",)),
    ".docx": (
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        (b"PK\x03\x04",),
    ),
    ".txt": ({"text/plain"}, None),
    ".xml": ({"application/xml", "text/xml"}, (b"<?xml", b"\xef\xbb\xbf<?xml", b"<")),
}
#: any of these declared types is accepted when the extension and data match
GENERIC_TYPES = {"application/octet-stream", "binary/octet-stream", ""}
ALLOWED_NAMES = "PDF, JPEG, PNG, TIFF, ODT, DOCX, TXT, XML"


def check_text_length(value: str, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise RuleViolation(
            "rule_text_too_long",
            "The text is ${length} characters long; at most ${limit} are allowed.",
            length=len(value),
            limit=limit,
        )


def check_date_range(value: date, today: date) -> None:
    day = value.date() if hasattr(value, "date") else value
    if day < EARLIEST_DATE:
        raise RuleViolation(
            "rule_date_too_early",
            "The date ${date} lies before ${earliest}; check the year.",
            date=day.isoformat(),
            earliest=EARLIEST_DATE.isoformat(),
        )
    latest = date(today.year + MAX_YEARS_AHEAD, 12, 31)
    if day > latest:
        raise RuleViolation(
            "rule_date_too_late",
            "The date ${date} lies after ${latest}; check the year.",
            date=day.isoformat(),
            latest=latest.isoformat(),
        )


def _extension(filename: str) -> str:
    name = (filename or "").lower()
    return name[name.rfind(".") :] if "." in name else ""


def check_attachment(filename: str, content_type: str, size: int, head: bytes) -> None:
    """Refuse what is too big, not on the list, or not what its name says."""
    if size > MAX_ATTACHMENT_BYTES:
        raise RuleViolation(
            "rule_attachment_too_large",
            "The attachment ${name} has ${size} bytes; at most ${limit} are allowed.",
            name=filename or "?",
            size=size,
            limit=MAX_ATTACHMENT_BYTES,
        )
    kind = ATTACHMENT_TYPES.get(_extension(filename))
    declared = (content_type or "").split(";")[0].strip().lower()
    magic_ok = kind is not None and (
        kind[1] is None or any(head.startswith(prefix) for prefix in kind[1])
    )
    if kind is not None and kind[1] is None:  # plain text: no NUL bytes, UTF-8
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            magic_ok = error.start >= len(head) - 3  # a character cut at the end
        magic_ok = magic_ok and b"\x00" not in head
    if (
        kind is None
        or not magic_ok
        or (declared not in kind[0] and declared not in GENERIC_TYPES)
    ):
        raise RuleViolation(
            "rule_attachment_type",
            "The attachment ${name} (${type}) is not an allowed kind of file, or its "
            "content does not match its name. Allowed: ${allowed}.",
            name=filename or "?",
            type=declared or "?",
            allowed=ALLOWED_NAMES,
        )
