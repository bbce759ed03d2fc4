"""The handover list (spis zdawczo-odbiorczy) of a package: one entry per family file.

The list hands the case files over to the archive, as the office instruction
requires (Regulation of the Prime Minister of 18 January 2011, Dz. U. Nr 14,
poz. 67); its electronic form is the NDAP ``SpisZdawczoOdbiorczy``, valid
against ``spis-zdawczo-odbiorczy.xsd``: ordinal number, case reference, JRWA
heading, case title, start and end dates, number of documents, remarks.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.layout import HANDOVER_LIST
from mgops.caseflow.core.archive.model import FamilyFileRecord
from mgops.caseflow.core.archive.safe_xml import iter_validated
from mgops.caseflow.core.archive.spool import XmlSpool
from mgops.caseflow.core.archive.validation import NDAP_HANDOVER_LIST
from mgops.caseflow.core.archive.validation import NDAP_NAMESPACE


NS = NDAP_NAMESPACE


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


@dataclass(frozen=True)
class HandoverEntry:
    number: int
    case_reference: str
    document_count: int


class HandoverList:
    """The handover list, spooled to disk entry by entry."""

    def __init__(self):
        self._spool = XmlSpool(_q("SpisZdawczoOdbiorczy"), {None: NS})
        self.count = 0

    def add(self, family: FamilyFileRecord) -> None:
        if family.ended is None:
            raise ArchiveError(
                "archive_file_not_ended", reference=family.case_reference
            )
        self.count += 1
        self._spool.entry(
            _q("Sprawa"),
            children=[
                (_q("LiczbaPorzadkowa"), str(self.count)),
                (_q("ZnakSprawy"), family.case_reference),
                (_q("HasloKlasyfikacyjne"), family.jrwa_title or family.jrwa_class),
                (_q("TytulSprawy"), family.title),
                (_q("DataWszczecia"), family.opened.isoformat()),
                (_q("DataZakonczenia"), family.ended.isoformat()),
                (_q("LiczbaDokumentow"), str(len(family.documents))),
                (
                    _q("Uwagi"),
                    f"Kategoria archiwalna {family.archival_category};"
                    f" JRWA {family.jrwa_class}; UID {family.uid}",
                ),
            ],
        )

    def finish(self) -> BinaryIO:
        return self._spool.finish()

    def discard(self) -> None:
        self._spool.discard()


def read_handover_list(
    stream: BinaryIO, *, schema: etree.XMLSchema
) -> Iterator[HandoverEntry]:
    """The entries of a handover list, validated while they stream."""
    for element in iter_validated(
        stream,
        path=HANDOVER_LIST,
        schema=schema,
        schema_name=NDAP_HANDOVER_LIST,
        tag=_q("Sprawa"),
    ):
        yield HandoverEntry(
            number=int(element.findtext(_q("LiczbaPorzadkowa")).strip()),
            case_reference=element.findtext(_q("ZnakSprawy")),
            document_count=int(element.findtext(_q("LiczbaDokumentow")).strip()),
        )
