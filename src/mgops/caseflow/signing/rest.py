"""Shared by the signing endpoints: refusals as status + translated JSON."""

import transaction
from zope.i18n import translate

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.messages import message_for
from mgops.caseflow.signing.signing import SigningForbidden


def message(error: SignatureError, request) -> str:
    """The error's text in the request's language (Polish on the centre's site)."""
    return translate(message_for(error), context=request)


def refusal(request, error: SignatureError) -> dict:
    """Doom the transaction (nothing is stored) and describe the refusal.

    Returning a body would normally commit the request's transaction; dooming it
    makes the publisher abort instead, so a refused signature leaves the decision,
    its file and the register counter exactly as they were.
    """
    transaction.doom()
    status = 403 if isinstance(error, SigningForbidden) else 400
    request.response.setStatus(status)
    return {
        "error": {
            "type": "Forbidden" if status == 403 else "BadRequest",
            "reason": error.reason,
            "message": message(error, request),
        }
    }


def verification_summary(result) -> dict:
    return {
        "signer": result.signer_common_name,
        "signer_subject": result.signer_subject,
        "issuer": result.issuer,
        "certificate_serial": result.certificate_serial,
        "certificate_sha256": result.certificate_sha256,
        "signing_time": result.signing_time.isoformat(),
    }
