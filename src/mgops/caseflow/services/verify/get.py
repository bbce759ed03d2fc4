"""``GET <decision>/@verify``: check the kept signature again and say who signed.

A signature that no longer verifies (say the CA left the trust list) is a
result, not an error: 200 with ``valid: false`` and the reason in Polish.
"""

from plone.restapi.services import Service

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.signing.rest import message
from mgops.caseflow.signing.rest import refusal
from mgops.caseflow.signing.rest import verification_summary
from mgops.caseflow.signing.signing import reverify


class VerifyGet(Service):
    def reply(self):
        context = self.context
        base = {"register_number": context.register_number}
        try:
            result = reverify(context)
        except VerificationError as error:
            return dict(
                base,
                valid=False,
                reason=error.reason,
                message=message(error, self.request),
            )
        except SignatureError as error:
            return refusal(self.request, error)
        return dict(base, valid=True, **verification_summary(result))
