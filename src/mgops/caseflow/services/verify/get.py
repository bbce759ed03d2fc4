"""``GET <decision>/@verify``: check the kept signature again and say who signed.

A signature that no longer verifies (say the CA left the trust list) is a
result, not an error: 200 with ``valid: false`` and the reason in Polish.
"""

from plone.restapi.services import Service

from mgops.caseflow.core.signing.errors import VerificationError
from mgops.caseflow.messages import translated
from mgops.caseflow.signing.signing import reverify
from mgops.caseflow.signing.signing import verification_summary


class VerifyGet(Service):
    def reply(self):
        base = {
            "register_number": self.context.register_number,
            "signed_number": getattr(self.context, "signed_number", None),
        }
        try:
            result = reverify(self.context)
        except VerificationError as error:
            return dict(
                base,
                valid=False,
                reason=error.reason,
                message=translated(error, self.request),
            )
        return dict(base, valid=True, **verification_summary(result))
