"""The national trusted list (ETSI TS 119 612): read only when its signature holds."""

import pytest

from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.core.signing.trusted_list import GRANTED
from mgops.caseflow.core.signing.trusted_list import QUALIFIED_TSA
from mgops.caseflow.core.signing.trusted_list import read_trusted_list


WITHDRAWN = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"


@pytest.fixture(scope="module")
def lists(mock_pki):
    return mock_pki.trusted_list()


def test_the_qualified_services_are_read_with_their_history(lists, mock_pki):
    data, signer, _ = lists

    services = read_trusted_list(data, [signer])

    by_name = {service.name: service for service in services}
    assert by_name["Kwalifikowane CA"].granted
    assert by_name["Kwalifikowane CA"].certificates == (mock_pki.certificate("qca"),)
    assert not by_name["CA z listą CRL"].granted
    assert [p.status for p in by_name["CA z listą CRL"].history] == [WITHDRAWN, GRANTED]
    assert by_name["Znacznik czasu"].service_type == QUALIFIED_TSA


def test_a_trusted_list_with_a_broken_signature_is_refused(lists):
    data, signer, _ = lists
    broken = data.replace(b"Kwalifikowane CA<", b"Podstawione CA<", 1)
    assert broken != data

    with pytest.raises(VerificationError) as refused:
        read_trusted_list(broken, [signer])

    assert refused.value.reason == "trusted_list_signature_invalid"


def test_a_list_signed_with_another_certificate_is_refused(lists):
    data, _, minister = lists

    with pytest.raises(VerificationError) as refused:
        read_trusted_list(data, [minister])

    assert refused.value.reason == "trusted_list_signature_invalid"
