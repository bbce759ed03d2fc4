"""Plain records of a family file and its documents, as the archive sees them.

The Plone side adapts content objects into these frozen dataclasses; the
writer turns them into a package and the reader turns a package back into
equal records. Nothing here knows about Plone, so the whole archive can be
tested in milliseconds.
"""

import hashlib
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime

from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.values import FieldValue
from mgops.caseflow.core.archive.values import normalize_fields


#: The document types of the family file and their kind in the Polish archival
#: sense (the ``rodzaj`` of the NDAP ``typ`` element).
KIND_BY_PORTAL_TYPE = {
    "Interview": "wywiad",
    "Contract": "kontrakt",
    "Plan": "plan",
    "Assessment": "ocena",
    "Note": "notatka",
    "Decision": "decyzja",
}

#: The two ways a family enters the programme (see DESIGN, "Process").
FAMILY_PATHS = ("standard", "za_zyciem")

CHUNK_SIZE = 64 * 1024

_SHA256 = re.compile(r"[0-9a-f]{64}")

Opener = Callable[[], Iterable[bytes]]


@dataclass(frozen=True)
class Staff:
    """A member of the centre's staff acting on a file.

    ``role`` is the Plone role id (``SocialWorker``, ``FamilyAssistant``,
    ``Head``, ``Archivist``); the metadata writes its Polish post.
    """

    user_id: str
    first_name: str
    last_name: str
    role: str


@dataclass(frozen=True)
class Address:
    """An address as street, postal code and city.

    ``text`` keeps the address exactly as it was entered when those three
    parts cannot give it back (other line breaks or spacing, no postal
    code…); empty when they can.
    """

    street: str
    postal_code: str
    city: str
    text: str = ""


@dataclass(frozen=True)
class Member:
    """A member of the family; ``role`` is the role in the family (e.g. matka)."""

    first_name: str
    last_name: str
    role: str
    birth_date: date | None = None
    pesel: str = ""
    #: a child placed in foster care: since when (``core.rules.foster_care``)
    foster_care_since: date | None = None


@dataclass(frozen=True)
class WorkflowEvent:
    """One line of a workflow history: who did what, reaching which state, when."""

    actor: str
    action: str
    state: str
    time: datetime
    comment: str = ""


@dataclass(frozen=True)
class Attachment:
    """An attached file, kept byte for byte.

    ``content`` is either the bytes or an opener: a callable that returns an
    iterable of chunks, so large files stream without being loaded. It takes
    no part in equality: the file is identified by its size and SHA-256,
    which the writer checks while it streams the content. ``field`` names
    the schema field that holds the file (e.g. ``attachment`` or
    ``medical_certificate``), so an import puts it back in its place.
    """

    filename: str
    content_type: str
    size: int
    sha256: str
    content: bytes | Opener = field(compare=False, repr=False)
    field: str = ""

    def __post_init__(self):
        if not _SHA256.fullmatch(self.sha256):
            raise ArchiveError(
                "archive_invalid_checksum", filename=self.filename, checksum=self.sha256
            )

    def chunks(self) -> Iterator[bytes]:
        """The content in chunks of at most ``CHUNK_SIZE`` bytes."""
        if isinstance(self.content, bytes | bytearray | memoryview):
            data = memoryview(self.content)
            for start in range(0, len(data), CHUNK_SIZE):
                yield bytes(data[start : start + CHUNK_SIZE])
        else:
            yield from self.content()

    @classmethod
    def from_bytes(cls, filename: str, content_type: str, data: bytes, field: str = ""):
        """An attachment whose size and checksum are computed from ``data``."""
        return cls(
            filename=filename,
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            content=bytes(data),
            field=field,
        )


@dataclass(frozen=True)
class Signature:
    """A signed decision: the XAdES-signed XML exactly as signed, never re-serialised.

    ``signed_number`` is the number inside the signed XML where it is not the
    register number (signed before the register had numbers of its own), else "".
    """

    signed_xml: bytes
    register_number: str
    signer: Staff
    signed_number: str = ""


@dataclass(frozen=True)
class DocumentRecord:
    """One document of a family file.

    ``approved`` is when it became final, or when a decision was signed.
    ``fields`` keeps the order of the content type's schema. ``corrects`` is
    the UID of the document this one corrects: final documents are never
    edited, a correction is a new document pointing at the old one.
    """

    uid: str
    portal_type: str
    title: str
    creator: Staff
    created: datetime
    modified: datetime
    state: str
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    approved: datetime | None = None
    history: tuple[WorkflowEvent, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    corrects: str | None = None
    signature: Signature | None = None

    def __post_init__(self):
        if self.portal_type not in KIND_BY_PORTAL_TYPE:
            raise ArchiveError(
                "archive_unknown_portal_type",
                uid=self.uid,
                portal_type=self.portal_type,
            )
        if self.signature is not None and self.portal_type != "Decision":
            raise ArchiveError("archive_signature_not_decision", uid=self.uid)
        object.__setattr__(self, "fields", normalize_fields(self.fields, uid=self.uid))
        object.__setattr__(self, "history", tuple(self.history))
        object.__setattr__(self, "attachments", tuple(self.attachments))

    @property
    def kind(self) -> str:
        """The kind in the Polish archival sense: wywiad, kontrakt, plan, …"""
        return KIND_BY_PORTAL_TYPE[self.portal_type]


@dataclass(frozen=True)
class CourtOpinion:
    """A court's request for the assistant's opinion and the opinion sent."""

    requested_on: date
    court_reference: str = ""
    sent_on: date | None = None


@dataclass(frozen=True)
class FamilyFileRecord:
    """A family file (akta rodziny) with everything it holds.

    ``case_reference`` is the znak sprawy (e.g. ``AR.4010.12.2026``) built
    from the JRWA class ``jrwa_class`` (e.g. ``4010``, titled ``jrwa_title``);
    ``archival_category`` is its category from the JRWA (e.g. ``B10``).

    ``social_worker`` is who answers for the file in the archive: the
    responsible social worker or, when none was named
    (``social_worker_named`` false), the file's creator. ``learned_on`` is
    when the centre learned of the family, ``urgent`` whether its interview
    was urgent. ``attachments`` are the files the family file itself holds
    (the "Za życiem" medical certificate); ``created`` and ``modified`` are
    the family file's own dates.
    """

    uid: str
    case_reference: str
    title: str
    family_name: str
    address: Address
    path: str
    social_worker: Staff
    opened: date
    jrwa_class: str
    jrwa_title: str
    archival_category: str
    state: str
    members: tuple[Member, ...] = ()
    assistant: Staff | None = None
    ended: date | None = None
    history: tuple[WorkflowEvent, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()
    description: str = ""
    urgent: bool = False
    learned_on: date | None = None
    social_worker_named: bool = True
    created: datetime | None = None
    modified: datetime | None = None
    attachments: tuple[Attachment, ...] = ()
    #: a court's obligation to work with an assistant (Family and Guardianship
    #: Code, art. 109 § 2 pkt 1), its decision, and the court's requests
    court_obliged: bool = False
    court_decision_reference: str = ""
    court_decision_date: date | None = None
    court_opinions: tuple[CourtOpinion, ...] = ()

    def __post_init__(self):
        if self.path not in FAMILY_PATHS:
            raise ArchiveError(
                "archive_unknown_family_path",
                reference=self.case_reference,
                path=self.path,
            )
        object.__setattr__(self, "members", tuple(self.members))
        object.__setattr__(self, "history", tuple(self.history))
        object.__setattr__(self, "documents", tuple(self.documents))
        object.__setattr__(self, "attachments", tuple(self.attachments))
        object.__setattr__(self, "court_opinions", tuple(self.court_opinions))
