"""The rule of whose certificate it is: names without case, spacing, diacritics."""

import datetime

import pytest

from mgops.caseflow.core.signing.democa import issue_certificate
from mgops.caseflow.core.signing.democa import make_ca
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.holder import check_certificate_names
from mgops.caseflow.core.signing.holder import normalized


def test_polish_letters_fold_to_their_base_letters():
    assert normalized("  Łukasz   ŻÓŁĆ-Gęśla ") == "lukasz zolc-gesla"


@pytest.fixture(scope="module")
def certificate():
    now = datetime.datetime.now(datetime.UTC)
    day = datetime.timedelta(days=1)
    ca_key, ca = make_ca("CA", now - day, now + day)
    return issue_certificate(ca_key, ca, "Łukasz Żółć", now - day, now + day)[1]


def test_the_same_person_passes_and_another_is_refused(certificate):
    check_certificate_names(certificate, "lukasz zolc")
    with pytest.raises(SignatureError) as refused:
        check_certificate_names(certificate, "Łukasz Żółciński")
    assert refused.value.msgid == "certificate_names_someone_else"
    with pytest.raises(SignatureError):
        check_certificate_names(certificate, "")
