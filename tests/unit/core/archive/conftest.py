"""Fixtures for the archive tests: schemas, settings and sample family files.

The sample covers every document type, every document and decision state, a
signed decision (really signed, XAdES), attachments given as bytes and as an
opener, a correction, and field values of every kind with awkward text.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from mgops.caseflow.core.archive import Address
from mgops.caseflow.core.archive import ArchiveSchemas
from mgops.caseflow.core.archive import ArchiveSettings
from mgops.caseflow.core.archive import Attachment
from mgops.caseflow.core.archive import DocumentRecord
from mgops.caseflow.core.archive import FamilyFileRecord
from mgops.caseflow.core.archive import Institution
from mgops.caseflow.core.archive import Member
from mgops.caseflow.core.archive import Signature
from mgops.caseflow.core.archive import Staff
from mgops.caseflow.core.archive import WorkflowEvent


ROOT = Path(__file__).resolve().parents[4]
#: The state archives' schemas live beside the checkout (CI has shared/ there).
NDAP_DIR = ROOT.parent / "shared" / "standards" / "ndap"

WARSAW = dt.timezone(dt.timedelta(hours=1))
EXPORTED_AT = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)

WORKER = Staff("jkowalska", "Joanna", "Kowalska", "SocialWorker")
ASSISTANT = Staff("anowak", "Anna", "Nowak", "FamilyAssistant")
HEAD = Staff("mwisniewski", "Marek", "Wiśniewski", "Head")


def at(day: int, hour: int = 9, month: int = 1, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=WARSAW)


@pytest.fixture(scope="session")
def ndap_dir() -> Path:
    return NDAP_DIR


@pytest.fixture(scope="session")
def schemas() -> ArchiveSchemas:
    """The product's default: the NDAP schemas shipped in the package."""
    return ArchiveSchemas()


@pytest.fixture(scope="session")
def settings() -> ArchiveSettings:
    return ArchiveSettings(
        institution=Institution(
            name="Miejsko-Gminny Ośrodek Pomocy Społecznej w Przykładowie",
            unit="Zespół asystentów rodziny",
            regon="123456785",
        ),
        archival_categories={"Decision": "B10"},
    )


@dataclass(frozen=True)
class HeadPki:
    ca_certificate: object
    key: object
    certificate: object


@pytest.fixture(scope="session")
def head_pki() -> HeadPki:
    """A CA and the head's signing certificate, made by the project's demo CA."""
    from mgops.caseflow.core.signing.democa import issue_certificate
    from mgops.caseflow.core.signing.democa import make_ca

    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    end = start + dt.timedelta(days=3650)
    ca_key, ca_certificate = make_ca("Test CA", start, end)
    key, certificate = issue_certificate(
        ca_key, ca_certificate, "Marek Wiśniewski", start, end
    )
    return HeadPki(ca_certificate, key, certificate)


@pytest.fixture(scope="session")
def unsigned_decision_xml() -> bytes:
    from mgops.caseflow.core.signing.decision_xml import DecisionData
    from mgops.caseflow.core.signing.decision_xml import render_decision_xml

    return render_decision_xml(
        DecisionData(
            uid="d1" * 16,
            register_number="1/2026",
            date=dt.date(2026, 1, 9),
            kind="assign_assistant",
            case_reference="AR.4010.12.2026",
            family_name="Zielińscy",
            legal_basis="art. 11 ust. 1 ustawy z dnia 9 czerwca 2011 r.",
            content="Przydziela się rodzinie asystenta rodziny.",
            justification="Wniosek pracownika socjalnego po wywiadzie.",
            assistant_name="Anna Nowak",
            signer_name="Marek Wiśniewski",
            signer_post="Kierownik Miejsko-Gminnego Ośrodka Pomocy Społecznej",
        )
    )


@pytest.fixture(scope="session")
def signed_decision_xml(head_pki, unsigned_decision_xml) -> bytes:
    """A really signed decision (XAdES-BES, the project's signer)."""
    from mgops.caseflow.core.signing.xades import sign

    return sign(unsigned_decision_xml, head_pki.key, head_pki.certificate)


def _history(*steps):
    return tuple(
        WorkflowEvent(actor, action, state, time, comment)
        for actor, action, state, time, comment in steps
    )


def _document(uid, portal_type, state, fields, **extra):
    creator = extra.pop("creator", ASSISTANT)
    created = extra.pop("created", at(5))
    return DocumentRecord(
        uid=uid,
        portal_type=portal_type,
        title=extra.pop("title", f"{portal_type} {uid}"),
        creator=creator,
        created=created,
        modified=extra.pop("modified", created + dt.timedelta(hours=2)),
        state=state,
        fields=fields,
        history=extra.pop(
            "history",
            _history(
                (creator.user_id, "create", "draft", created, ""),
                *(
                    [
                        (
                            creator.user_id,
                            "finalize",
                            state,
                            created + dt.timedelta(hours=1),
                            "",
                        )
                    ]
                    if state != "draft"
                    else []
                ),
            ),
        ),
        **extra,
    )


def _opener(data: bytes):
    def chunks():
        for start in range(0, len(data), 7):
            yield data[start : start + 7]

    return chunks


@pytest.fixture
def sample_records(signed_decision_xml) -> list[FamilyFileRecord]:
    scan = b"%PDF-1.4\n" + bytes(range(256)) * 40
    photo = b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 500
    interview = _document(
        "a1" * 16,
        "Interview",
        "final",
        {
            "date": dt.date(2026, 1, 5),
            "conducted_by": "jkowalska",
            "findings": "Rodzina: 3 osoby.\r\nDochód < 1000 zł & brak pracy.\n  wcięcie  ",
            "assistant_needed": True,
            "empty_note": "",
            "not_given": None,
        },
        creator=WORKER,
        approved=at(5, 11),
        attachments=(
            Attachment.from_bytes("skan wywiadu (1).pdf", "application/pdf", scan),
            Attachment.from_bytes(
                "../../etc/zdjęcie:mieszkania.PNG", "image/png", photo
            ),
            Attachment.from_bytes(
                "Skan wywiadu (1).PDF", "application/pdf", b"duplicate"
            ),
        ),
    )
    decision_signed = _document(
        "d1" * 16,
        "Decision",
        "signed",
        {
            "kind": "assign",
            "assistant": "anowak",
            "legal_basis": "art. 11 i art. 15 ustawy z dnia 9 czerwca 2011 r.",
            "content": "Przydziela się asystenta rodziny.",
            "justification": "Rodzina wymaga wsparcia.",
        },
        creator=WORKER,
        created=at(8),
        approved=at(9, 14),
        history=_history(
            ("jkowalska", "create", "draft", at(8), ""),
            ("jkowalska", "submit", "pending_signature", at(8, 12), "Do podpisu"),
            ("mwisniewski", "sign", "signed", at(9, 14), ""),
        ),
        signature=Signature(signed_decision_xml, "1/2026", HEAD),
    )
    contract = _document(
        "c1" * 16,
        "Contract",
        "final",
        {
            "parties": ["Joanna Kowalska", "Maria Zielińska"],
            "goals": ["Podjęcie pracy", "Regularne posyłanie dzieci do szkoły"],
            "obligations": [
                {"who": "rodzina", "what": "szukać pracy", "by": dt.date(2026, 6, 30)},
                {"who": "pracownik", "what": "pomoc w CV", "done": False, "by": None},
            ],
            "valid_from": dt.date(2026, 1, 12),
            "valid_to": dt.date(2026, 7, 12),
        },
        creator=WORKER,
        created=at(12),
        approved=at(12, 15),
    )
    plan = _document(
        "b1" * 16,
        "Plan",
        "final",
        {
            "goals": ["Stabilizacja finansowa"],
            "actions": [
                {
                    "action": "Budżet domowy",
                    "who": "asystent",
                    "when": dt.datetime(2026, 2, 1, 10, 30, tzinfo=WARSAW),
                }
            ],
            "agreed_with_family": dt.date(2026, 1, 20),
            "empty_list": [],
        },
        created=at(20),
        approved=at(20, 16),
    )
    assessment = _document(
        "e1" * 16,
        "Assessment",
        "final",
        {
            "period_from": dt.date(2026, 1, 20),
            "period_to": dt.date(2026, 7, 20),
            "progress": [{"goal": "Stabilizacja finansowa", "progress": "częściowy"}],
            "recommendation": "end",
        },
        created=at(21, month=7),
        approved=at(21, 12, month=7),
    )
    note = _document(
        "f1" * 16,
        "Note",
        "final",
        {
            "kind": "visit",
            "visit_start": dt.datetime(2026, 2, 3, 10, 0, tzinfo=WARSAW),
            "visit_end": dt.datetime(2026, 2, 3, 11, 30, 15, 250000, tzinfo=WARSAW),
            "place": "mieszkanie rodziny",
            "content": "Wizyta przebiegła spokojnie.",
            "services_notified": [],
        },
        created=at(3, month=2),
        approved=at(3, 12, month=2),
    )
    correction = _document(
        "f2" * 16,
        "Note",
        "final",
        {"kind": "visit", "content": "Korekta: wizyta trwała do 11:30."},
        created=at(4, month=2),
        approved=at(4, 10, month=2),
        corrects=note.uid,
        title="Korekta notatki z wizyty",
    )
    note_draft = _document(
        "f3" * 16,
        "Note",
        "draft",
        {
            "kind": "monitoring",
            "content": "Szkic",
            "naive_time": dt.datetime(2026, 3, 1, 8),
        },
        created=at(1, month=3),
    )
    decision_draft = _document(
        "d2" * 16, "Decision", "draft", {"kind": "other"}, creator=WORKER, created=at(2)
    )
    decision_pending = _document(
        "d3" * 16,
        "Decision",
        "pending_signature",
        {"kind": "end", "content": "Zakończenie pracy z rodziną."},
        creator=WORKER,
        created=at(25, month=7),
    )
    first = FamilyFileRecord(
        uid="1a" * 16,
        case_reference="AR.4010.12.2026",
        title="Akta rodziny Zielińskich",
        family_name="Zielińscy",
        address=Address("ul. Lipowa 5/3", "00-950", "Przykładowo"),
        members=(
            Member("Maria", "Zielińska", "matka", dt.date(1990, 4, 12), "90041212345"),
            Member(
                "Jan",
                "Zieliński",
                "syn",
                dt.date(2015, 9, 1),
                "15290112345",
                foster_care_since=dt.date(2024, 2, 1),
            ),
            Member("Ola", "Zielińska", "córka"),
        ),
        path="standard",
        social_worker=WORKER,
        assistant=ASSISTANT,
        opened=dt.date(2026, 1, 2),
        ended=dt.date(2026, 12, 15),
        jrwa_class="4010",
        jrwa_title="Asystent rodziny",
        archival_category="B10",
        state="closed",
        history=_history(
            ("jkowalska", "create", "intake", at(2), ""),
            ("jkowalska", "request", "awaiting_decision", at(6), ""),
            ("mwisniewski", "sign_assignment", "active", at(9, 14), ""),
            ("mwisniewski", "sign_end", "monitoring", at(26, month=7), ""),
            ("jkowalska", "close", "closed", at(15, month=12), "Monitoring zakończony"),
        ),
        documents=(
            interview,
            decision_draft,
            decision_signed,
            contract,
            plan,
            note,
            correction,
            note_draft,
            assessment,
            decision_pending,
        ),
    )
    letter = b"List od rodziny \xc5\xbc" * 100
    second = FamilyFileRecord(
        uid="2b" * 16,
        case_reference="AR.4010.13.2026",
        title="Akta rodziny Wójcików (za życiem)",
        family_name="Wójcikowie",
        address=Address("Wiejska 1", "00-001", "Przykładowo"),
        members=(Member("Ewa", "Wójcik", "matka"),),
        path="za_zyciem",
        social_worker=WORKER,
        assistant=None,
        opened=dt.date(2026, 2, 1),
        ended=dt.date(2026, 10, 1),
        jrwa_class="4010",
        jrwa_title="Asystent rodziny",
        archival_category="B10",
        state="archived",
        documents=(
            _document(
                "a2" * 16,
                "Note",
                "final",
                {"kind": "introduction"},
                created=at(2, month=2),
                attachments=(
                    Attachment(
                        filename="list.txt",
                        content_type="text/plain",
                        size=len(letter),
                        sha256=hashlib.sha256(letter).hexdigest(),
                        content=_opener(letter),
                    ),
                ),
            ),
        ),
    )
    return [first, second]


@pytest.fixture(scope="session")
def make_records():
    """A generator factory of ``count`` small, distinct, closed family files."""

    def make(count: int, documents: int = 2):
        payload = b"zalacznik " * 100
        for number in range(count):
            uid = f"{number:032x}"
            yield FamilyFileRecord(
                uid=uid,
                case_reference=f"AR.4010.{number + 1}.2026",
                title=f"Akta rodziny nr {number}",
                family_name=f"Rodzina {number}",
                address=Address("ul. Długa 1", "00-001", "Przykładowo"),
                members=(Member("Anna", "Kowalczyk", "matka", dt.date(1985, 1, 1)),),
                path="standard",
                social_worker=WORKER,
                assistant=ASSISTANT,
                opened=dt.date(2026, 1, 1),
                ended=dt.date(2026, 12, 31),
                jrwa_class="4010",
                jrwa_title="Asystent rodziny",
                archival_category="B10",
                state="closed",
                documents=tuple(
                    _document(
                        f"{number:028x}{index:04x}",
                        "Note",
                        "final",
                        {
                            "kind": "visit",
                            "content": f"Wizyta {index} u rodziny {number}",
                        },
                        attachments=(
                            (
                                Attachment.from_bytes(
                                    "notatka.txt", "text/plain", payload
                                ),
                            )
                            if index == 0
                            else ()
                        ),
                    )
                    for index in range(documents)
                ),
            )

    return make


class NonSeekableSink:
    """A write-only stream like a web response: no seek, no tell, no read."""

    def __init__(self, keep: bool = True):
        self.keep = keep
        self.data = bytearray()
        self.written = 0

    def write(self, chunk) -> int:
        self.written += len(chunk)
        if self.keep:
            self.data += chunk
        return len(chunk)

    def seekable(self) -> bool:
        return False

    def seek(self, *args):
        raise OSError("not seekable")

    def tell(self):
        raise OSError("not seekable")


@pytest.fixture
def export_zip(schemas, settings):
    """Export records to zip bytes through a non-seekable stream."""
    from mgops.caseflow.core.archive import ZipTarget
    from mgops.caseflow.core.archive import write_package

    def export(records, exported_at=EXPORTED_AT, **options) -> bytes:
        sink = NonSeekableSink()
        write_package(
            iter(records),
            ZipTarget(sink),
            schemas=schemas,
            settings=options.pop("settings", settings),
            exported_at=exported_at,
            **options,
        )
        return bytes(sink.data)

    return export


@pytest.fixture
def export_dir(schemas, settings, tmp_path):
    """Export records to a new directory under tmp_path; returns its path."""
    from mgops.caseflow.core.archive import DirectoryTarget
    from mgops.caseflow.core.archive import write_package

    counter = iter(range(1000))

    def export(records, exported_at=EXPORTED_AT, **options) -> Path:
        path = tmp_path / f"paczka-{next(counter)}"
        write_package(
            iter(records),
            DirectoryTarget(path),
            schemas=schemas,
            settings=options.pop("settings", settings),
            exported_at=exported_at,
            **options,
        )
        return path

    return export


@pytest.fixture(scope="session")
def non_seekable_sink():
    return NonSeekableSink


@pytest.fixture(scope="session")
def files_of():
    """All files of a directory package: package path → bytes."""

    def files(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    return files


@pytest.fixture(scope="session")
def rewrite_manifest():
    """Make a directory package's manifest match its files again (for attacks that
    must get past the checksums), keeping its export time."""
    from lxml import etree

    from mgops.caseflow.core.archive.validation import NAMESPACE

    def rewrite(root: Path, add: tuple[str, ...] = (), drop: tuple[str, ...] = ()):
        manifest = root / "manifest.xml"
        tree = etree.parse(str(manifest))
        for element in list(tree.getroot()):
            if element.get("path") in drop:
                tree.getroot().remove(element)
        for path in add:
            etree.SubElement(tree.getroot(), f"{{{NAMESPACE}}}file", path=path)
        for element in tree.getroot().iterfind(f"{{{NAMESPACE}}}file"):
            data = (root / element.get("path")).read_bytes()
            element.set("size", str(len(data)))
            element.set("sha256", hashlib.sha256(data).hexdigest())
        manifest.write_bytes(
            etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        )

    return rewrite
