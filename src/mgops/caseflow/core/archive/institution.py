"""What the centre decides about its archival packages, apart from the records.

These values land in every metadata file but are not part of a family file,
so they are passed to the writer rather than carried by the records; an
export and a re-export with the same settings give the same bytes.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field


#: The Polish post of each Plone role, written as the creator's ``funkcja``.
POST_BY_ROLE = {
    "SocialWorker": "pracownik socjalny",
    "FamilyAssistant": "asystent rodziny",
    "Head": "kierownik ośrodka",
    "Archivist": "archiwista",
}


@dataclass(frozen=True)
class Institution:
    """The centre that creates the documents and qualifies them for archiving.

    ``unit`` is the organisational unit (``jednostka``) the staff belong to;
    ``regon`` is written as the institution's identifier when given.
    """

    name: str
    unit: str = ""
    regon: str = ""


@dataclass(frozen=True)
class ArchiveSettings:
    """The export's fixed choices.

    ``archival_categories`` maps a portal type to the archival category its
    documents get (e.g. decisions ``A`` where the centre's JRWA says so);
    types not listed take the family file's category.

    ``access`` is one of the NDAP values ``wszystko``, ``metadane`` or
    ``niedostepne``: family files hold special categories of personal data,
    so by default only the metadata is open.
    """

    institution: Institution
    archival_categories: Mapping[str, str] = field(default_factory=dict)
    access: str = "metadane"
    access_note: str = (
        "Dokument zawiera dane osobowe i informacje o sytuacji rodziny objęte"
        " tajemnicą; treść udostępnia się wyłącznie uprawnionym."
    )
    rights: str = (
        "Dokument urzędowy, nie stanowi przedmiotu prawa autorskiego"
        " (art. 4 pkt 2 ustawy z dnia 4 lutego 1994 r. o prawie autorskim"
        " i prawach pokrewnych)."
    )
    language: str = "pol"
    language_name: str = "polski"

    def category_for(self, portal_type: str, family_category: str) -> str:
        return self.archival_categories.get(portal_type, family_category)

    def post_of(self, role: str) -> str:
        return POST_BY_ROLE.get(role, role)
