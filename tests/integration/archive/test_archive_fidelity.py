"""Export → import → export loses nothing: every field of every type, every file.

A family file of each path with every field of IFamilyFile (and of its
member rows) set to something other than its default, the "Za życiem"
medical certificate, and documents of every type with every field set; the
demo's closed files add signed decisions. All of it is exported, deleted,
imported from the package and exported again: every field value, file,
date, creator, state and history must come back, and the second package
must be the first byte for byte (its export time aside).
"""

import io
from datetime import date
from datetime import datetime

import pytest
from Acquisition import aq_base
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.interfaces import INamedFile
from zope.component import getUtility
from zope.schema import getFieldsInOrder

from mgops.caseflow.archive import exports
from mgops.caseflow.archive.importer import ImportRefused
from mgops.caseflow.archive.importer import import_package
from mgops.caseflow.archive.records import FAMILY_FILE_FIELDS
from mgops.caseflow.archive.records import RecordBuilder
from mgops.caseflow.archive.records import as_datetime
from mgops.caseflow.core.archive import ZipTarget
from mgops.caseflow.core.archive.model import KIND_BY_PORTAL_TYPE
from mgops.caseflow.core.rules.deadlines import open_obligations
from mgops.caseflow.testing.builders import close
from mgops.caseflow.testing.builders import delete_unrestricted
from mgops.caseflow.workflow.facts import file_facts

from .conftest import without_export_time


CERTIFICATE = b"%PDF-1.7\n" + "zaświadczenie lekarskie".encode() * 200
#: what signing keeps on a decision beside its schema fields
DECISION_EXTRAS = ("signer_userid", "register_date", "signed_context")


def blob(name, data, content_type="application/pdf"):
    return NamedBlobFile(data=data, contentType=content_type, filename=name)


def schema_of(portal_type):
    return getFieldsInOrder(getUtility(IDexterityFTI, name=portal_type).lookupSchema())


def plain(value):
    """A field value comparable across sites: files by name, type and bytes."""
    if INamedFile.providedBy(value):
        return ("file", value.filename, value.contentType, bytes(value.data))
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if hasattr(value, "asdatetime"):
        return value.asdatetime()
    return value


def history(obj):
    return {
        workflow: [{**entry, "time": entry["time"].asdatetime()} for entry in entries]
        for workflow, entries in (aq_base(obj).workflow_history or {}).items()
    }


def snapshot(obj, extras=()):
    """Everything an object holds that the archive promises to keep."""
    values = {
        name: plain(getattr(aq_base(obj), name, None))
        for name, _field in schema_of(obj.portal_type)
    }
    values.update({name: plain(getattr(aq_base(obj), name, None)) for name in extras})
    return {
        "fields": values,
        "title": obj.Title(),
        "description": obj.Description(),
        "created": as_datetime(obj.created()),
        "modified": as_datetime(obj.modified()),
        "creator": obj.Creator(),
        "state": api.content.get_state(obj=obj),
        "history": history(obj),
    }


def snapshot_all(family_files):
    result = {}
    for family_file in family_files:
        documents = {
            document.UID(): snapshot(
                document,
                DECISION_EXTRAS if document.portal_type == "Decision" else (),
            )
            for document in family_file.objectValues()
            if document.portal_type in KIND_BY_PORTAL_TYPE
        }
        result[family_file.UID()] = {
            "file": snapshot(family_file),
            "documents": documents,
            # what the deadline rules read (learned_on, urgent, documents …),
            # in the file's state and as if it were still active, and what
            # they compute from it (not what a test helper left stored)
            "facts": [file_facts(family_file, state) for state in (None, "active")],
            "obligations": [
                open_obligations(file_facts(family_file, state))
                for state in (None, "active")
            ],
        }
    return result


def export_zip(context):
    with api.env.adopt_roles(["Manager"]):
        selection = exports.select(context)
        out = io.BytesIO()
        exports.write(selection, ZipTarget(out))
    return out.getvalue(), selection.exported


@pytest.fixture
def full_files(make_family_file, make_document):
    """Two closed family files with every field of every type set, not default."""
    za_zyciem = make_family_file(
        93,
        state="active",
        family_name="Wójcikowie",
        support_path="za_zyciem",
        urgent=True,
        learned_on=date(2025, 12, 30),
        members=[
            {
                "first_name": "Ewa",
                "last_name": "Wójcik",
                "role": "applicant",
                "birth_date": date(1995, 3, 8),
                "pesel": "95030812345",
                "foster_care_since": None,
            },
            {
                "first_name": "Adam",
                "last_name": "Wójcik",
                "role": "spouse",
                "birth_date": date(1993, 11, 30),
                "pesel": None,
                "foster_care_since": None,
            },
            {
                "first_name": "Zofia",
                "last_name": "Wójcik",
                "role": "child",
                "birth_date": date(2020, 6, 1),
                "pesel": None,
                "foster_care_since": date(2024, 2, 1),
            },
        ],
        medical_certificate=blob("zaświadczenie lekarskie.pdf", CERTIFICATE),
        jrwa_class="4011",
        archival_category="A",
        court_obliged=True,
        court_decision_reference="III Nsm 93/25",
        court_decision_date=date(2025, 12, 1),
        court_opinions=[
            {
                "requested_on": date(2026, 2, 2),
                "court_reference": "III Nsm 93/25",
                "sent_on": date(2026, 2, 16),
            }
        ],
    )
    with api.env.adopt_roles(["Manager"]):
        za_zyciem.description = "Akta przejęte z innego ośrodka."
        # as entered, line breaks and double spaces kept
        za_zyciem.address = (
            "ul. Wiejska 1 m. 2\n00-001  Przykładowo\n(wejście od podwórza)"
        )
    interview = make_document(
        za_zyciem,
        "Interview",
        state="final",
        description="Wywiad przeprowadzony w domu rodziny.",
        interview_date=date(2026, 1, 7),
        conducted_by="Anna Socjalna",
        findings="Rodzina: 2 osoby.\nDochód < 1000 zł & brak pracy.",
        assistant_needed=True,
        attachment=blob("skan.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 20),
    )
    make_document(
        za_zyciem,
        "Contract",
        state="final",
        description="Kontrakt na pół roku.",
        parties="Anna Socjalna, Ewa Wójcik",
        goals="Przygotowanie do narodzin dziecka",
        family_obligations="Wizyty lekarskie",
        centre_obligations="Koordynacja poradnictwa",
        valid_from=date(2026, 1, 12),
        valid_to=date(2026, 7, 12),
        corrects=interview.UID(),
    )
    plan = make_document(
        za_zyciem,
        "Plan",
        owner="fa1",
        state="final",
        description="Plan ustalony z rodziną.",
        goals=[
            {"goal": "Opieka nad noworodkiem", "expected_effect": "Dziecko zdrowe"},
            {"goal": "Szkoła rodzenia", "expected_effect": None},
        ],
        action_rows=[
            {
                "action": "Zapisy do szkoły rodzenia",
                "performer": "assistant_instruction",
                "institution": None,
                "due": date(2026, 2, 1),
            },
            {
                "action": "Zajęcia",
                "performer": "institution",
                "institution": "Szpital powiatowy",
                "due": None,
            },
        ],
        actions="Szkoła rodzenia",
        responsibilities="asystent, co tydzień",
        agreed_on=date(2026, 1, 20),
    )
    make_document(
        za_zyciem,
        "Assessment",
        owner="fa1",
        state="final",
        description="Ocena po pół roku.",
        plan=plan.UID(),
        period_from=date(2026, 1, 20),
        period_to=date(2026, 6, 20),
        goal_progress=[
            {"goal": "Opieka nad noworodkiem", "progress": "Tak", "achieved": "yes"},
            {"goal": "Szkoła rodzenia", "progress": "W toku", "achieved": "partly"},
        ],
        progress="Cele osiągnięte",
        recommendation="end",
    )
    note = make_document(
        za_zyciem,
        "Note",
        owner="fa1",
        state="final",
        description="Interwencja.",
        kind="intervention",
        visit_start=datetime(2026, 2, 3, 20, 0),
        visit_end=datetime(2026, 2, 3, 20, 45),
        place="klatka schodowa",
        present=["Ewa Wójcik"],
        content="Wezwano pogotowie i policję.",
        services_notified=["police", "ambulance"],
        # every field set, whatever the kind: the archive carries each of them
        received_on=date(2026, 1, 5),
        certificate_kind="disability_certificate",
        attachment=blob("notatka.txt", "Zażółć gęślą jaźń".encode(), "text/plain"),
        # the fields of other kinds too, so that every one travels
        end_reason="no_cooperation",
        plan_outcome="Cele nieosiągnięte.",
        end_request="4f6a0c2e9d1b4e8f8a7c6b5d4e3f2a1b",
        position="agree",
        corrected_learned_on=date(2026, 1, 5),
        corrected_urgent="urgent",
        corrected_support_path="za_zyciem",
    )
    make_document(
        za_zyciem,
        "Decision",
        owner="head",
        state="pending_signature",
        description="Projekt przydziału.",
        kind="assign_assistant",
        assistant="fa1",
        legal_basis="art. 11 ustawy",
        content="Przydziela się asystenta.",
        justification="Rodzina oczekuje dziecka.",
        handover_date=date(2026, 7, 1),
        end_request=note.UID(),
        end_reason="moved_away",
        close_reason="other_centre",
    )
    close(za_zyciem, date(2026, 7, 31))

    nobody_named = make_family_file(
        94,
        social_worker=None,
        assistant=None,
        state="active",
        learned_on=date(2026, 1, 2),
    )
    close(nobody_named, date(2026, 7, 30))
    return za_zyciem, nobody_named


def test_every_family_file_field_has_a_place_in_the_record(portal):
    assert [name for name, _field in schema_of("FamilyFile")] == list(
        FAMILY_FILE_FIELDS
    )


def test_the_fixture_sets_every_field_to_something_not_default(portal, full_files):
    za_zyciem, nobody_named = full_files
    for name, field in schema_of("FamilyFile"):
        value = getattr(za_zyciem, name)
        assert value, name
        default = field.default
        assert value != default, name
    for member in za_zyciem.members:
        assert set(member) == {n for n, _f in schema_of_member()}
    documents = {d.portal_type: d for d in za_zyciem.objectValues()}
    assert set(documents) == set(KIND_BY_PORTAL_TYPE)
    for portal_type, document in documents.items():
        assert document.Description(), portal_type
        for name, field in schema_of(portal_type):
            if field.readonly or (name == "corrects" and portal_type != "Contract"):
                continue  # set by signing (demo decisions), or one correction
            value = getattr(document, name)
            assert value, (portal_type, name)
            assert value != field.default, (portal_type, name)
    assert nobody_named.social_worker is None


def schema_of_member():
    from mgops.caseflow.content.family_file import IFamilyMember

    return getFieldsInOrder(IFamilyMember)


def test_export_import_export_keeps_every_field_file_and_byte(
    portal, demo, full_files, zip_files
):
    first, exported = export_zip(portal["akta"])
    assert set(full_files) <= set(exported)
    before = snapshot_all(exported)
    # the records see the new data, so the package carries it
    builder = RecordBuilder(portal)
    record = builder.family_file(full_files[0])
    assert (record.urgent, record.learned_on) == (True, date(2025, 12, 30))
    assert [a.field for a in record.attachments] == ["medical_certificate"]
    assert not builder.family_file(full_files[1]).social_worker_named
    files = zip_files(first)
    certificate = "dokumenty/AR.4010.93.2026/akta-rodziny/zaświadczenie lekarskie.pdf"
    assert files[certificate] == CERTIFICATE
    assert f"metadane/{certificate.removeprefix('dokumenty/')}.xml" in files

    uids = list(before)
    with api.env.adopt_roles(["Manager"]):
        delete_unrestricted(exported)
        assert not api.content.find(UID=uids, unrestricted=True)
        import_package(io.BytesIO(first), portal["akta"])
        imported = [api.content.get(UID=uid) for uid in uids]
    after = snapshot_all(imported)
    for uid in uids:
        assert after[uid]["file"] == before[uid]["file"]
        assert after[uid]["documents"] == before[uid]["documents"]
        assert after[uid]["facts"] == before[uid]["facts"]
        assert after[uid]["obligations"] == before[uid]["obligations"]
    assert after == before

    second, _again = export_zip(portal["akta"])
    assert without_export_time(zip_files(second)) == without_export_time(files)


def test_a_file_with_no_place_in_its_type_is_refused_before_anything_is_written(
    portal, full_files, zip_files, tmp_path, rewrite_package
):
    data, exported = export_zip(full_files[0])
    files = zip_files(data)
    path = "sprawy/AR.4010.93.2026.xml"
    files[path] = files[path].replace(
        b'field="medical_certificate"', b'field="no_such_field"'
    )
    package = rewrite_package(files, tmp_path / "paczka")
    with api.env.adopt_roles(["Manager"]):
        delete_unrestricted(exported)
        with pytest.raises(ImportRefused):
            import_package(package, portal["akta"])
    assert "ar-4010-93-2026" not in portal["akta"].objectIds()


@pytest.fixture
def rewrite_package():
    """Write ``files`` as a directory package with a manifest that matches them."""
    import hashlib

    from lxml import etree

    from mgops.caseflow.core.archive.validation import NAMESPACE

    def rewrite(files, root):
        for path, content in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(content)
        manifest = root / "manifest.xml"
        tree = etree.fromstring(manifest.read_bytes())
        for element in tree.iterfind(f"{{{NAMESPACE}}}file"):
            content = files[element.get("path")]
            element.set("size", str(len(content)))
            element.set("sha256", hashlib.sha256(content).hexdigest())
        manifest.write_bytes(
            etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        )
        return root

    return rewrite
