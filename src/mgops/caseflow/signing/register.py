"""The register of decisions as it is read: signed decisions in register order.

Each entry has the register's own number (``1/2026``) and, apart from it, the
case reference of the family file; a decision signed before the register had
numbers of its own also has the number its signature carries (``signed_number``).

The entries come from the catalog (``indexers.py``), so everyone sees those of
the files they may see. ``@register`` and the register page both list through
here; the numbers themselves are taken by the counter in ``numbers.py``.
"""

from lxml import etree
from lxml.builder import ElementMaker
from plone import api

from mgops.caseflow.audit.record import note_listed
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError


REGISTER_NAMESPACE = "urn:mgops:caseflow:register:1"
#: the kinds of decision the register can be filtered by
KINDS = ("assign_assistant", "end_work", "other")


def _invalid_filter(name: str, value) -> CaseflowError:
    return CaseflowError(
        "register_filter_invalid",
        "The filter ${name}=${value} is not valid.",
        name=name,
        value=value,
    )


def parse_year(value) -> int | None:
    """The ``year`` filter: None when not given, else a year of four digits."""
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if not 1900 <= year <= 9999:
        raise _invalid_filter("year", value)
    return year


def parse_filters(form) -> tuple[int | None, str | None]:
    """The ``year`` and ``kind`` filters of a request's form; refuse a bad one."""
    year = parse_year(form.get("year"))
    kind = form.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise _invalid_filter("kind", kind)
    return year, kind


def _in_order(year: int | None, kind: str | None) -> list:
    """The catalog brains of the register's entries, by year and number."""
    # imported decisions (made before the centre used the system) are entries
    # of the register too, marked ``imported``: no signature of theirs is here
    query = {
        "portal_type": "Decision",
        "review_state": (states.SIGNED, states.IMPORTED),
    }
    if year is not None:
        query["register_year"] = year
    if kind:
        query["document_kind"] = kind
    brains = api.content.find(**query)
    return sorted(brains, key=lambda b: (b.register_year or 0, b.register_n or 0))


def _entry(brain) -> dict:
    note_listed(brain)  # family names and references: a read of each file
    return {
        "@id": brain.getURL(),
        "UID": brain.UID,
        "register_number": brain.register_number,
        # the number inside the signed XML, where it is not the register's
        # own (signed before 1012: ``legacy_numbers``)
        "signed_number": brain.signed_number or None,
        "year": brain.register_year,
        "n": brain.register_n,
        "date": brain.register_date,
        "kind": brain.document_kind,
        "case_reference": brain.case_reference,
        "family_name": brain.family_name,
        "signer": brain.signer,
        "imported": brain.review_state == states.IMPORTED,
    }


def entries(year: int | None = None, kind: str | None = None) -> list[dict]:
    """The signed decisions (of ``year``, of ``kind``), by year and number."""
    return [_entry(brain) for brain in _in_order(year, kind)]


def entries_page(
    year: int | None, kind: str | None, start: int, size: int
) -> tuple[int, list[dict]]:
    """How many entries there are, and the ``size`` of them from ``start``:
    only those are read (and recorded as listed)."""
    brains = _in_order(year, kind)
    return len(brains), [_entry(brain) for brain in brains[start : start + size]]


def register_years() -> list[int]:
    """The years the register has entries of, the latest first (the catalog's
    index: no entry is read)."""
    catalog = api.portal.get_tool("portal_catalog")
    return sorted(
        (year for year in catalog.uniqueValuesFor("register_year") if year),
        reverse=True,
    )


def _signed_number(E, row) -> list:
    """The element of a number signed before 1012, where the entry has one."""
    return [E.signedNumber(row["signed_number"])] if row["signed_number"] else []


def _place(row) -> dict:
    """The entry's attributes: its year and number in the register (an entry
    numbered in another register has no ``n``), and whether it was imported."""
    attributes = {"year": str(row["year"])}
    if row["n"] is not None:
        attributes["n"] = str(row["n"])
    if row["imported"]:
        attributes["imported"] = "true"
    return attributes


def register_xml(year: int | None = None, kind: str | None = None) -> bytes:
    """The same entries as an XML document, the filters as its attributes."""
    E = ElementMaker(namespace=REGISTER_NAMESPACE, nsmap={None: REGISTER_NAMESPACE})
    attributes = {}
    if year is not None:
        attributes["year"] = str(year)
    if kind:
        attributes["kind"] = kind
    root = E.register(
        *[
            E.entry(
                E.registerNumber(row["register_number"] or ""),
                *_signed_number(E, row),
                E.date(row["date"] or ""),
                E.kind(row["kind"] or ""),
                E.caseReference(row["case_reference"] or ""),
                E.familyName(row["family_name"] or ""),
                E.signer(row["signer"] or ""),
                E.uid(row["UID"]),
                **_place(row),
            )
            for row in entries(year, kind)
        ],
        **attributes,
    )
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
