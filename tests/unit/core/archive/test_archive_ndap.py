"""What the NDAP metadata says about each item (its validity is tested in the writer)."""

import dataclasses

import pytest
from lxml import etree

from mgops.caseflow.core.archive.layout import metadata_path


N = {"n": "http://www.mswia.gov.pl/standardy/ndap"}
CASE = "AR.4010.12.2026"


@pytest.fixture
def metadata(export_dir, sample_records):
    """Package path of an item in dokumenty/ → the root of its metadata."""
    package = export_dir(sample_records)

    def of(item: str) -> etree._Element:
        return etree.parse(str(package / metadata_path(item))).getroot()

    return of


def _texts(root, path):
    return [element.text for element in root.iterfind(path, N)]


def _identifiers(root):
    return [
        (i.findtext("n:typ", namespaces=N), i.findtext("n:wartosc", namespaces=N))
        for i in root.iterfind("n:identyfikator", N)
    ]


def _relations(root):
    return [
        (
            r.findtext("n:typ", namespaces=N),
            r.findtext("n:identyfikator/n:wartosc", namespaces=N),
        )
        for r in root.iterfind("n:relacja", N)
    ]


def _dates(root):
    return [
        (d.findtext("n:typ", namespaces=N), d.findtext("n:czas", namespaces=N))
        for d in root.iterfind("n:data", N)
    ]


def _creators(root):
    return [
        (
            t.findtext("n:funkcja", namespaces=N),
            t.findtext(".//n:pracownik/n:id", namespaces=N),
            t.findtext(".//n:pracownik/n:funkcja", namespaces=N),
        )
        for t in root.iterfind("n:tworca", N)
    ]


KINDS = [
    ("wywiad-" + "a1" * 16, "wywiad"),
    ("kontrakt-" + "c1" * 16, "kontrakt"),
    ("plan-" + "b1" * 16, "plan"),
    ("ocena-" + "e1" * 16, "ocena"),
    ("notatka-" + "f1" * 16, "notatka"),
    ("decyzja-" + "d1" * 16, "decyzja"),
]


@pytest.mark.parametrize(("stem", "kind"), KINDS)
def test_every_document_has_the_elements_of_the_2006_regulation(metadata, stem, kind):
    root = metadata(f"dokumenty/{CASE}/{stem}.xml")
    present = {etree.QName(child).localname for child in root}
    assert present >= {
        "data",
        "dostep",
        "format",
        "grupowanie",
        "identyfikator",
        "jezyk",
        "opis",
        "uprawnienia",
        "kwalifikacja",
        "relacja",
        "tworca",
        "typ",
        "tytul",
    }
    uid = stem.rsplit("-", 1)[1]
    assert _identifiers(root)[:2] == [("UID", uid), ("znak sprawy", CASE)]
    assert root.findtext("n:typ/n:kategoria", namespaces=N) == "Text"
    assert root.findtext("n:typ/n:rodzaj", namespaces=N) == kind
    assert root.find("n:jezyk", N).get("kod") == "pol"
    assert [
        (g.findtext("n:typ", namespaces=N), g.findtext("n:kod", namespaces=N))
        for g in root.iterfind("n:grupowanie", N)
    ] == [("znak sprawy", CASE), ("JRWA", "4010")]
    assert ("jestCzescia", CASE) in _relations(root)


def test_dates_creator_format_and_access_of_a_final_document(
    metadata, export_dir, sample_records
):
    item = f"dokumenty/{CASE}/wywiad-" + "a1" * 16 + ".xml"
    root = metadata(item)
    assert _dates(root) == [
        ("stworzony", "2026-01-05T09:00:00+01:00"),
        ("zatwierdzony", "2026-01-05T11:00:00+01:00"),
        ("zmodyfikowany", "2026-01-05T11:00:00+01:00"),
    ]
    assert _creators(root) == [("stworzyl", "jkowalska", "pracownik socjalny")]
    assert root.findtext("n:format/n:typ", namespaces=N) == "application/xml"
    size = root.find("n:format/n:wielkosc", N)
    assert size.get("jednostka") == "bajt"
    package = export_dir(sample_records)
    assert int(size.text) == (package / item).stat().st_size
    assert root.findtext("n:dostep/n:dostepnosc", namespaces=N) == "metadane"
    assert root.findtext("n:tytul/n:oryginalny", namespaces=N) == (
        sample_records[0].documents[0].title
    )


def test_a_draft_has_no_approval_date(metadata):
    root = metadata(f"dokumenty/{CASE}/notatka-" + "f3" * 16 + ".xml")
    assert [kind for kind, _time in _dates(root)] == ["stworzony", "zmodyfikowany"]


def test_a_correction_and_the_corrected_document_point_at_each_other(metadata):
    corrected = metadata(f"dokumenty/{CASE}/notatka-" + "f1" * 16 + ".xml")
    correction = metadata(f"dokumenty/{CASE}/notatka-" + "f2" * 16 + ".xml")
    assert ("maWersje", "f2" * 16) in _relations(corrected)
    assert ("jestWersja", "f1" * 16) in _relations(correction)


def test_a_signed_decision_and_its_signature_are_related_and_approved_by_the_head(
    metadata,
):
    stem = f"dokumenty/{CASE}/decyzja-" + "d1" * 16
    decision = metadata(f"{stem}.xml")
    signature = metadata(f"{stem}.xades.xml")
    assert ("maFormat", "d1" * 16 + "/podpis") in _relations(decision)
    assert ("jestFormatem", "d1" * 16) in _relations(signature)
    for root in (decision, signature):
        assert ("zatwierdzil", "mwisniewski", "kierownik ośrodka") in _creators(root)
        assert ("numer w rejestrze decyzji", "1/2026") in _identifiers(root)
        assert ("zatwierdzony", "2026-01-09T14:00:00+01:00") in _dates(root)
    assert _identifiers(signature)[0] == ("UID", "d1" * 16 + "/podpis")
    assert signature.findtext("n:format/n:specyfikacja", namespaces=N) == (
        "XML z podpisem XAdES"
    )


def test_an_attachment_is_part_of_its_document(metadata):
    stem = f"dokumenty/{CASE}/wywiad-" + "a1" * 16
    document = metadata(f"{stem}.xml")
    photo = metadata(f"{stem}/zdjęcie_mieszkania.PNG")
    assert [uid for kind, uid in _relations(document) if kind == "maCzesc"] == [
        "a1" * 16 + f"/zalacznik-{n}" for n in (1, 2, 3)
    ]
    assert ("jestCzescia", "a1" * 16) in _relations(photo)
    assert _identifiers(photo)[0] == ("UID", "a1" * 16 + "/zalacznik-2")
    assert photo.findtext("n:typ/n:kategoria", namespaces=N) == "StillImage"
    assert photo.findtext("n:typ/n:rodzaj", namespaces=N) == "załącznik"
    assert photo.findtext("n:format/n:typ", namespaces=N) == "image/png"
    assert photo.findtext("n:format/n:wielkosc", namespaces=N) == "1008"
    assert photo.findtext("n:tytul/n:oryginalny", namespaces=N) == (
        "../../etc/zdjęcie:mieszkania.PNG"
    )


def test_the_archival_category_is_configurable_per_type(
    export_dir, sample_records, settings
):
    configured = dataclasses.replace(settings, archival_categories={"Note": "A"})
    package = export_dir(sample_records, settings=configured)

    def category(stem):
        root = etree.parse(
            str(package / "metadane" / CASE / f"{stem}.xml.xml")
        ).getroot()
        return (
            root.findtext("n:kwalifikacja/n:kategoria", namespaces=N),
            root.findtext("n:kwalifikacja/n:data", namespaces=N),
        )

    assert category("notatka-" + "f1" * 16) == ("A", "2026-01-02")
    assert category("wywiad-" + "a1" * 16) == ("B10", "2026-01-02")
