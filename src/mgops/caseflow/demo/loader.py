"""Load the demo staff and families into a site, as the staff themselves would.

Every document is written, and every transition taken, by the demo user whose
job it is (``api.env.adopt_user``), so add permissions, workflow guards and the
per-file local roles all apply: nothing is forced into a state. Loading is
idempotent: a marker on the site records that the demo is in, and a second call
changes nothing.
"""

import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path

import pytz
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility

from mgops.caseflow import logger
from mgops.caseflow.archive import exports
from mgops.caseflow.content.family_file import case_reference_prefix
from mgops.caseflow.content.note import APPLICATION
from mgops.caseflow.core.office import OFFICE_TIMEZONE
from mgops.caseflow.demo.data import ARCHIVIST
from mgops.caseflow.demo.data import FAMILIES
from mgops.caseflow.demo.data import HEAD
from mgops.caseflow.demo.data import USERS
from mgops.caseflow.demo.data import DemoFamily
from mgops.caseflow.demo.staff import court_fields
from mgops.caseflow.demo.staff import load_staff
from mgops.caseflow.demo.timeline import ARCHIVIST as ARCHIVIST_ACTOR
from mgops.caseflow.demo.timeline import ASSISTANT
from mgops.caseflow.demo.timeline import HEAD as HEAD_ACTOR
from mgops.caseflow.demo.timeline import SOCIAL_WORKER
from mgops.caseflow.demo.timeline import ArchivalExport
from mgops.caseflow.demo.timeline import Document
from mgops.caseflow.demo.timeline import DocumentRef
from mgops.caseflow.demo.timeline import FamilyPlan
from mgops.caseflow.demo.timeline import Transition
from mgops.caseflow.demo.timeline import plan_family
from mgops.caseflow.setuphandlers import REGISTRY_ID
from mgops.caseflow.setuphandlers import ensure_groups
from mgops.caseflow.signing.demo import setup_demo_signing
from mgops.caseflow.signing.signing import sign_in_server


WARSAW = pytz.timezone(OFFICE_TIMEZONE)
#: the password of the demo head's keystore, asked at each signing (README)
DEMO_SIGNING_PASSWORD = "demo-podpis"


ANNOTATION_KEY = "mgops.caseflow.demo"

#: The document transitions that lead from ``draft`` to each state.
DOCUMENT_PATHS = {
    "draft": (),
    "final": ("finalize",),
    "pending_signature": ("submit",),
    "signed": ("submit", "sign"),
}

#: field of the family file → the permission a user needs to write it
#: (``assistant`` carries a write permission in the schema, the rest Modify).


@dataclass(frozen=True)
class LoadedFamily:
    case_reference: str
    family_name: str
    state: str
    support_path: str
    path: str
    social_worker: str | None
    assistant: str | None


def is_demo_loaded(portal) -> bool:
    """Whether the demo data is in this site already."""
    return ANNOTATION_KEY in IAnnotations(portal)


def demo_families(portal) -> list[LoadedFamily]:
    """The demo's family files as they are now (states may have moved on).

    A report for whoever loads the demo, so it looks past the current user's
    permissions.
    """
    marker = IAnnotations(portal).get(ANNOTATION_KEY)
    if marker is None:
        return []
    families = []
    for uid in marker["families"]:
        family_file = uuidToObject(uid, unrestricted=True)
        if family_file is not None:
            families.append(_describe(family_file))
    return families


DEMO_CENTRE_NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej w Mińsku Mazowieckim"
DEMO_CENTRE_ADDRESS = "ul. Kościuszki 12, 05-300 Mińsk Mazowiecki"
#: made up, with a valid check digit (stdnum.pl.regon)
DEMO_CENTRE_REGON = "711583422"


def load_demo(portal, today: date | None = None) -> list[LoadedFamily]:
    """Create the demo users and families unless they are loaded; return the
    families created (an empty list when the demo was loaded already)."""
    if is_demo_loaded(portal):
        return []
    today = today or date.today()
    ensure_groups()  # made by the install; harmless when there
    ensure_users()
    prepare_signing(today)
    # The letterhead, header and footer of every page, and the site's title.
    api.portal.set_registry_record("mgops.caseflow.centre_name", DEMO_CENTRE_NAME)
    api.portal.set_registry_record("mgops.caseflow.centre_address", DEMO_CENTRE_ADDRESS)
    api.portal.set_registry_record(
        "mgops.caseflow.archive_institution_regon", DEMO_CENTRE_REGON
    )
    api.portal.set_registry_record("plone.site_title", DEMO_CENTRE_NAME)
    registry = portal[REGISTRY_ID]
    plans = sorted(
        (plan_family(family, today) for family in FAMILIES),
        key=lambda plan: plan.learned_on,
    )
    created = [_build_family(registry, plan) for plan in plans]
    load_staff(portal, today)
    IAnnotations(portal)[ANNOTATION_KEY] = PersistentMapping(
        loaded_on=today.isoformat(),
        families=[api.content.get_uuid(obj=family_file) for family_file in created],
    )
    logger.info("Demo data loaded: %d family files", len(created))
    return [_describe(family_file) for family_file in created]


def ensure_users() -> list[str]:
    """Create the demo staff that is missing, each in their group."""
    created = []
    for user in USERS:
        if api.user.get(userid=user.user_id) is None:
            api.user.create(
                username=user.user_id,
                email=user.email,
                password=user.password,
                properties={"fullname": user.fullname, "description": user.post},
            )
            created.append(user.user_id)
        group_ids = {g.getId() for g in api.group.get_groups(username=user.user_id)}
        if user.group not in group_ids:
            api.group.add_user(groupname=user.group, username=user.user_id)
    return created


def _actor(family: DemoFamily, actor: str) -> str:
    return {
        SOCIAL_WORKER: family.social_worker.user_id,
        ASSISTANT: family.assistant.user_id if family.assistant else None,
        HEAD_ACTOR: HEAD.user_id,
        ARCHIVIST_ACTOR: ARCHIVIST.user_id,
    }[actor]


def _next_case_reference(registry, year: int) -> str:
    """The lowest free case number of ``year`` in the registry."""
    prefix = case_reference_prefix()
    n = 1
    while _file_id(f"{prefix}.{n}.{year}") in registry:
        n += 1
    return f"{prefix}.{n}.{year}"


def _file_id(case_reference: str) -> str:
    return case_reference.replace(".", "-").lower()


def _build_family(registry, plan: FamilyPlan):
    family = plan.family
    case_reference = _next_case_reference(registry, plan.year)
    fields = {
        "case_reference": case_reference,
        "family_name": family.family_name,
        "address": family.address,
        "support_path": family.support_path,
        "urgent": family.urgent,
        "learned_on": plan.learned_on,
        "opened": plan.learned_on,
        "members": [member.as_row() for member in family.members],
        "social_worker": family.social_worker.user_id,
        **court_fields(plan),
    }
    with api.env.adopt_user(username=family.social_worker.user_id):
        family_file = api.content.create(
            container=registry,
            type="FamilyFile",
            id=_file_id(case_reference),
            title=family.family_name,
            **fields,
        )
    for step in plan.steps:
        with api.env.adopt_user(username=_actor(family, step.actor)):
            if isinstance(step, Document):
                _add_document(family_file, step, family)
            elif isinstance(step, Transition):
                _transition(family_file, step)
            elif isinstance(step, ArchivalExport):
                _export(family_file)
    state = api.content.get_state(obj=family_file)
    if state != family.state:
        raise RuntimeError(
            f"Demo family {family.key} ended in state {state}, not {family.state}"
        )
    return family_file


def _document_id(family_file, title: str) -> str:
    """An id from the title; dates keep no dots, which would read as an extension."""
    base = queryUtility(IIDNormalizer).normalize(title.replace(".", "-"))
    document_id, n = base, 1
    while document_id in family_file:
        n += 1
        document_id = f"{base}-{n}"
    return document_id


def _resolved(family_file, value):
    """A ``DocumentRef`` as the UID of the file's document with that title."""
    if not isinstance(value, DocumentRef):
        return value
    (document,) = [d for d in family_file.objectValues() if d.title == value.title]
    return api.content.get_uuid(document)


def _add_document(family_file, step: Document, family: DemoFamily):
    fields = {name: _resolved(family_file, v) for name, v in step.fields.items()}
    if fields.get("kind") == APPLICATION:
        fields["attachment"] = _certificate(family)
    document = api.content.create(
        container=family_file,
        type=step.portal_type,
        id=_document_id(family_file, step.title),
        title=step.title,
        **fields,
    )
    for transition in DOCUMENT_PATHS[step.state]:
        if transition == "sign":
            sign_decision(document, step.day)
        else:
            api.content.transition(obj=document, transition=transition)
    return document


def sign_decision(decision, day: date):
    """The head signs the decision in the server, at noon of its day."""
    noon = WARSAW.localize(datetime.combine(day, time(12, 0)))
    sign_in_server(decision, DEMO_SIGNING_PASSWORD, moment=noon.astimezone(pytz.utc))


def prepare_signing(today: date):
    """A demo CA and the head's keystore, valid from well before the oldest file.

    The files are written to a temporary folder (never into the repository) and
    stored in the site; the keystore stays encrypted with DEMO_SIGNING_PASSWORD.
    """
    valid_from = datetime.combine(today.replace(year=today.year - 6), time(0, 0))
    with tempfile.TemporaryDirectory() as folder:
        setup_demo_signing(
            Path(folder) / "demo-signing",
            HEAD.user_id,
            DEMO_SIGNING_PASSWORD,
            head_name=HEAD.fullname,
            valid_from=pytz.utc.localize(valid_from),
        )


def _transition(family_file, step: Transition):
    # Signing a decision may already have moved the file (e.g. a signed
    # assignment makes it active); then there is nothing left to do.
    if api.content.get_state(obj=family_file) != step.new_state:
        api.content.transition(obj=family_file, transition=step.transition)


def _export(family_file):
    """The archivist's export of the file, as @archive-export makes it: the package
    is written and validated, then logged, so the file may be archived."""
    package = exports.export_zip(family_file, exports.select(family_file))
    package.body.close()


def _certificate(family: DemoFamily) -> NamedBlobFile:
    """The scan of the medical certificate, a one-page PDF (the application's
    document must be a PDF, JPEG or PNG)."""
    applicant = family.members[0]
    lines = (
        "ZAŚWIADCZENIE LEKARSKIE (dokument demonstracyjny)",
        f"Pacjentka: {applicant.first_name} {applicant.last_name}, "
        f"PESEL {applicant.pesel}",
        "Potwierdza się ciążę; zaświadczenie wydano na potrzeby ustawy z dnia",
        "4 listopada 2016 r. o wsparciu kobiet w ciąży i rodzin „Za życiem”.",
    )
    return NamedBlobFile(
        data=_pdf(lines),
        contentType="application/pdf",
        filename="zaswiadczenie-lekarskie.pdf",
    )


def _pdf(lines) -> bytes:
    """A minimal one-page PDF with ``lines`` of text in Helvetica.

    The text is folded to ASCII: the standard PDF fonts have no Polish letters
    without an embedded font, and a demo scan needs none.
    """
    text = "".join(f"({_ascii(line)}) Tj 0 -18 Td " for line in lines)
    stream = f"BT /F1 12 Tf 56 780 Td {text}ET".encode("ascii")
    objects = (
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _ascii(text: str) -> str:
    """Polish letters without their marks, and PDF's string delimiters escaped."""
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    plain = folded.encode("ascii", "ignore").decode("ascii")
    return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _describe(family_file) -> LoadedFamily:
    return LoadedFamily(
        case_reference=family_file.case_reference,
        family_name=family_file.family_name,
        state=api.content.get_state(obj=family_file),
        support_path=family_file.support_path,
        path="/".join(family_file.getPhysicalPath()),
        social_worker=family_file.social_worker,
        assistant=family_file.assistant,
    )
