"""Keys, certificates and decisions for the signing tests, made by the demo CA code."""

import datetime
from dataclasses import dataclass

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from mgops.caseflow.core.signing.decision_xml import DecisionData
from mgops.caseflow.core.signing.decision_xml import render_decision_xml
from mgops.caseflow.core.signing.democa import issue_certificate
from mgops.caseflow.core.signing.democa import make_ca


@dataclass(frozen=True)
class Holder:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate


@dataclass(frozen=True)
class Pki:
    """The trusted CA and its holders, plus a CA nobody trusts."""

    ca: Holder
    head: Holder
    other_person: Holder
    expired_head: Holder
    stranger_ca: Holder
    stranger: Holder


@pytest.fixture(scope="session")
def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


@pytest.fixture(scope="session")
def pki(now) -> Pki:
    day = datetime.timedelta(days=1)
    ca = Holder(*make_ca("Test CA", now - 3000 * day, now + 3000 * day))
    stranger_ca = Holder(*make_ca("Stranger CA", now - 3000 * day, now + 3000 * day))

    def issue(issuer: Holder, name: str, start, end) -> Holder:
        return Holder(
            *issue_certificate(issuer.key, issuer.certificate, name, start, end)
        )

    return Pki(
        ca=ca,
        head=issue(ca, "Anna Kierownik", now - 30 * day, now + 365 * day),
        other_person=issue(ca, "Piotr Inny", now - 30 * day, now + 365 * day),
        expired_head=issue(ca, "Anna Kierownik", now - 730 * day, now - 365 * day),
        stranger_ca=stranger_ca,
        stranger=issue(stranger_ca, "Anna Kierownik", now - 30 * day, now + 365 * day),
    )


@pytest.fixture
def decision() -> DecisionData:
    return DecisionData(
        uid="6b1f0c3e2d9a4e7f8a5b4c3d2e1f0a9b",
        register_number="7/2026",
        date=datetime.date(2026, 3, 2),
        kind="assign_assistant",
        case_reference="AR.4010.12.2026",
        family_name="Wiśniewscy",
        legal_basis="art. 11 ust. 1 ustawy o wspieraniu rodziny",
        content="Przydzielam rodzinie asystenta rodziny.",
        justification="Wniosek pracownika socjalnego po wywiadzie środowiskowym.",
        assistant_name="Jan Nowak",
        signer_name="Anna Kierownik",
        signer_post="Kierownik Miejsko-Gminnego Ośrodka Pomocy Społecznej",
    )


@pytest.fixture
def unsigned(decision) -> bytes:
    return render_decision_xml(decision)
