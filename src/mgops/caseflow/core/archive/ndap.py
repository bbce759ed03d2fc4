"""NDAP metadata (``metadane/X.xml``) for every item of ``dokumenty/``.

Each metadata file is a ``dokument`` in the namespace of the state archives'
NDAP standard, valid against its ``metadane.xsd``. The elements are those of
the Regulation of the Minister of Internal Affairs and Administration of
30 October 2006 on the necessary elements of the structure of electronic
documents (Dz. U. Nr 206, poz. 1517), annex: identyfikator, twórca, tytuł,
data, format, dostęp, typ, grupowanie, relacja, kwalifikacja, język, opis,
uprawnienia. Grouping by case reference (znak sprawy) and JRWA class, and the
archival category (kategoria archiwalna, e.g. B10) follow the Regulation of
the Prime Minister of 18 January 2011 on the office instruction, the uniform
file classification lists (JRWA) and the organisation of company archives
(Dz. U. Nr 14, poz. 67). The schema fixes the order of the elements:
odbiorca, data, dostep, format, grupowanie, identyfikator, jezyk, lokalizacja,
opis, uprawnienia, kwalifikacja, relacja, status, tematyka, tworca, typ, tytul.
"""

from dataclasses import dataclass
from datetime import date
from datetime import datetime

from lxml import etree

from mgops.caseflow.core.archive.errors import xml_text_guard
from mgops.caseflow.core.archive.institution import ArchiveSettings
from mgops.caseflow.core.archive.model import DocumentRecord
from mgops.caseflow.core.archive.model import FamilyFileRecord
from mgops.caseflow.core.archive.model import Staff
from mgops.caseflow.core.archive.validation import NAMESPACE
from mgops.caseflow.core.archive.validation import NDAP_NAMESPACE


NS = NDAP_NAMESPACE

DOCUMENT = "document"
SIGNATURE = "signature"
ATTACHMENT = "attachment"
#: a file the family file holds itself, not one of its documents
CASE_ATTACHMENT = "case-attachment"

#: What the family file's own files are, by the schema field holding them.
CASE_ATTACHMENT_TITLES = {
    "medical_certificate": (
        "Zaświadczenie lekarskie lub dokument potwierdzający ciążę"
        " (ścieżka „Za życiem”)"
    ),
}

CASE_REFERENCE_ID = "znak sprawy"
UID_ID = "UID"
REGISTER_ID = "numer w rejestrze decyzji"
#: the number inside the signed XML where it is not the register number
SIGNED_NUMBER_ID = "numer w podpisanym dokumencie"

DOCUMENT_TITLES = {
    "Interview": "Rodzinny wywiad środowiskowy",
    "Contract": "Kontrakt socjalny",
    "Plan": "Plan pracy z rodziną",
    "Assessment": "Okresowa ocena sytuacji rodziny",
    "Note": "Adnotacja urzędowa",
    "Decision": "Decyzja kierownika",
}


@dataclass(frozen=True)
class Item:
    """One file in ``dokumenty/``: the document's XML, its signed XML or an attachment.

    ``index`` numbers attachments from 1 within their document.
    """

    role: str
    path: str
    media_type: str
    size: int
    index: int = 0

    def identifier(self, document: DocumentRecord) -> str:
        return item_identifier(document.uid, self.role, self.index)


def item_identifier(uid: str, role: str, index: int = 0) -> str:
    """The UID of an item: the document's UID, with a suffix for its parts."""
    if role == SIGNATURE:
        return f"{uid}/podpis"
    if role == ATTACHMENT:
        return f"{uid}/zalacznik-{index}"
    return uid


def build_metadata(
    family: FamilyFileRecord,
    document: DocumentRecord,
    item: Item,
    *,
    settings: ArchiveSettings,
    corrected_by: tuple[str, ...] = (),
) -> etree._Element:
    """The NDAP ``dokument`` describing ``item`` of ``document``.

    ``corrected_by`` lists the UIDs of documents that correct this one, so
    the relation is written in both directions.
    """
    with xml_text_guard(item.path):
        return _build(family, document, item, settings, corrected_by)


def _build(family, document, item: Item, settings, corrected_by) -> etree._Element:
    root = etree.Element(_q("dokument"), nsmap={None: NS})
    _dates(root, document)
    _access(root, settings)
    _format(root, item)
    _grouping(root, family)
    _identifiers(root, family, document, item, settings)
    _sub(root, "jezyk", settings.language_name, kod=settings.language)
    _sub(root, "opis", _description(family, document, item))
    if settings.rights:
        _sub(root, "uprawnienia", settings.rights)
    _qualification(root, family, document, settings)
    for kind, id_type, value in _relations(family, document, item, corrected_by):
        relation = _sub(root, "relacja")
        identifier = _sub(relation, "identyfikator")
        _sub(identifier, "typ", id_type)
        _sub(identifier, "wartosc", value)
        _sub(relation, "typ", kind)
    _creator(root, "stworzyl", document.creator, settings)
    if document.signature is not None and item.role != ATTACHMENT:
        _creator(root, "zatwierdzil", document.signature.signer, settings)
    typ = _sub(root, "typ")
    _sub(typ, "kategoria", _dcmi_category(item))
    _sub(typ, "rodzaj", "załącznik" if item.role == ATTACHMENT else document.kind)
    title = _sub(root, "tytul")
    _sub(title, "oryginalny", _title(document, item))
    return root


def build_case_metadata(
    family: FamilyFileRecord, item: Item, *, settings: ArchiveSettings
) -> etree._Element:
    """The NDAP ``dokument`` describing a file the family file holds itself.

    ``item.index`` numbers it (from 1) among the family file's own files.
    Its dates are the family file's own (created, modified), or the opening
    day; its creator is who answers for the file, the social worker.
    """
    with xml_text_guard(item.path):
        attachment = family.attachments[item.index - 1]
        root = etree.Element(_q("dokument"), nsmap={None: NS})
        created = family.created or family.opened
        dates = [("stworzony", created)]
        if family.modified is not None:
            dates.append(("zmodyfikowany", family.modified))
        for kind, value in dates:
            element = _sub(root, "data")
            _sub(element, "typ", kind)
            _sub(element, "czas", _time(value))
        _access(root, settings)
        _format(root, item)
        _grouping(root, family)
        identifier = item_identifier(family.uid, ATTACHMENT, item.index)
        for kind, value in (
            (UID_ID, identifier),
            (CASE_REFERENCE_ID, family.case_reference),
        ):
            element = _sub(root, "identyfikator")
            _sub(element, "typ", kind)
            _sub(element, "wartosc", value)
            _institution(_sub(element, "podmiot"), settings)
        _sub(root, "jezyk", settings.language_name, kod=settings.language)
        what = CASE_ATTACHMENT_TITLES.get(attachment.field, "Załącznik")
        _sub(root, "opis", f"{what}; akta rodziny, sprawa {family.case_reference}")
        if settings.rights:
            _sub(root, "uprawnienia", settings.rights)
        element = _sub(root, "kwalifikacja")
        _sub(element, "kategoria", family.archival_category)
        _sub(element, "data", family.opened.isoformat())
        _institution(_sub(element, "podmiot"), settings)
        for kind, id_type, value in (
            ("jestCzescia", CASE_REFERENCE_ID, family.case_reference),
            ("jestCzescia", UID_ID, family.uid),
        ):
            relation = _sub(root, "relacja")
            ident = _sub(relation, "identyfikator")
            _sub(ident, "typ", id_type)
            _sub(ident, "wartosc", value)
            _sub(relation, "typ", kind)
        _creator(root, "stworzyl", family.social_worker, settings)
        typ = _sub(root, "typ")
        _sub(typ, "kategoria", _dcmi_category(item))
        _sub(typ, "rodzaj", "załącznik")
        title = _sub(root, "tytul")
        _sub(title, "oryginalny", attachment.filename)
        return root


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent, name: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, f"{{{NS}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def _time(value: date | datetime) -> str:
    return value.isoformat()


def _dates(root, document: DocumentRecord) -> None:
    # "data": created, approved (final or signed), modified.
    dates = [("stworzony", document.created)]
    if document.approved is not None:
        dates.append(("zatwierdzony", document.approved))
    dates.append(("zmodyfikowany", document.modified))
    for kind, value in dates:
        element = _sub(root, "data")
        _sub(element, "typ", kind)
        _sub(element, "czas", _time(value))


def _access(root, settings: ArchiveSettings) -> None:
    access = _sub(root, "dostep")
    _sub(access, "dostepnosc", settings.access)
    if settings.access_note:
        _sub(access, "uwagi", settings.access_note)


def _format(root, item: Item) -> None:
    element = _sub(root, "format")
    _sub(element, "typ", item.media_type)
    if item.role == DOCUMENT:
        _sub(
            element, "specyfikacja", f"XML, {NAMESPACE}, schemas/caseflow-document.xsd"
        )
    elif item.role == SIGNATURE:
        _sub(element, "specyfikacja", "XML z podpisem XAdES")
    _sub(element, "wielkosc", str(item.size), jednostka="bajt")


def _grouping(root, family: FamilyFileRecord) -> None:
    for kind, code, description in (
        (CASE_REFERENCE_ID, family.case_reference, family.title),
        ("JRWA", family.jrwa_class, family.jrwa_title),
    ):
        element = _sub(root, "grupowanie")
        _sub(element, "typ", kind)
        _sub(element, "kod", code)
        _sub(element, "opis", description)


def _identifiers(root, family, document, item: Item, settings) -> None:
    values = [
        (UID_ID, item.identifier(document)),
        (CASE_REFERENCE_ID, family.case_reference),
    ]
    if document.signature is not None and item.role != ATTACHMENT:
        values.append((REGISTER_ID, document.signature.register_number))
        if document.signature.signed_number:
            values.append((SIGNED_NUMBER_ID, document.signature.signed_number))
    for kind, value in values:
        element = _sub(root, "identyfikator")
        _sub(element, "typ", kind)
        _sub(element, "wartosc", value)
        _institution(_sub(element, "podmiot"), settings)


def _qualification(root, family, document, settings: ArchiveSettings) -> None:
    # The category follows from the JRWA class when the case is registered,
    # so the qualification dates from the opening of the family file.
    element = _sub(root, "kwalifikacja")
    category = settings.category_for(document.portal_type, family.archival_category)
    _sub(element, "kategoria", category)
    _sub(element, "data", family.opened.isoformat())
    _institution(_sub(element, "podmiot"), settings)


def _relations(family, document, item: Item, corrected_by):
    """(relation type, identifier type, identifier) of the item, in a fixed order."""
    relations = [("jestCzescia", CASE_REFERENCE_ID, family.case_reference)]
    if item.role == DOCUMENT:
        for index in range(1, len(document.attachments) + 1):
            relations.append(
                ("maCzesc", UID_ID, item_identifier(document.uid, ATTACHMENT, index))
            )
        if document.signature is not None:
            relations.append(
                ("maFormat", UID_ID, item_identifier(document.uid, SIGNATURE))
            )
        # A correction is a new version of the document it corrects.
        if document.corrects:
            relations.append(("jestWersja", UID_ID, document.corrects))
        relations.extend(("maWersje", UID_ID, uid) for uid in corrected_by)
    elif item.role == SIGNATURE:
        relations.append(("jestFormatem", UID_ID, document.uid))
    else:
        relations.append(("jestCzescia", UID_ID, document.uid))
    return relations


def _creator(root, function: str, staff: Staff, settings: ArchiveSettings) -> None:
    element = _sub(root, "tworca")
    _sub(element, "funkcja", function)
    _institution(_sub(element, "podmiot"), settings, staff)


def _institution(podmiot, settings: ArchiveSettings, staff: Staff | None = None):
    """The centre as ``instytucja``; with ``staff``, down to the employee and post."""
    institution = settings.institution
    element = _sub(podmiot, "instytucja")
    if institution.regon:
        _sub(element, "id", institution.regon, typ="REGON")
    _sub(element, "nazwa", institution.name)
    if staff is None:
        return
    unit = _sub(element, "jednostka")
    _sub(unit, "nazwa", institution.unit or institution.name)
    worker = _sub(unit, "pracownik")
    _sub(worker, "id", staff.user_id, typ="login")
    _sub(worker, "nazwisko", staff.last_name)
    if staff.first_name:
        _sub(worker, "imie", staff.first_name)
    _sub(worker, "funkcja", settings.post_of(staff.role))


def _dcmi_category(item: Item) -> str:
    """The DCMI Type Vocabulary class of the item."""
    major = item.media_type.split("/", 1)[0].lower()
    return {"image": "StillImage", "audio": "Sound", "video": "MovingImage"}.get(
        major, "Text"
    )


def _title(document: DocumentRecord, item: Item) -> str:
    if item.role == ATTACHMENT:
        return document.attachments[item.index - 1].filename
    if item.role == SIGNATURE:
        return f"{document.title} (podpisana)"
    return document.title


def _description(family, document: DocumentRecord, item: Item) -> str:
    kind = DOCUMENT_TITLES[document.portal_type]
    if item.role == ATTACHMENT:
        return f"Załącznik do dokumentu: {kind}; sprawa {family.case_reference}"
    if item.role == SIGNATURE:
        return (
            f"{kind} nr {document.signature.register_number} podpisana podpisem"
            f" elektronicznym XAdES; sprawa {family.case_reference}"
        )
    return f"{kind}; sprawa {family.case_reference}"
