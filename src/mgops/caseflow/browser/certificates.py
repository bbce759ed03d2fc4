"""Moje certyfikaty: the head's certificates, their validity, what each signed.

A head with a smart card registers the certificate alone here (a ``.cer``,
``.crt`` or ``.pem`` file, DER or PEM), by ``signing.keys.register_own_certificate``
as ``@signing-keys`` does, and then signs outside and uploads on the decision's
page. A refusal is shown with ``show_refusal``: nothing is registered.
"""

import datetime

from plone import api
from plone.protect import CheckAuthenticator
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.audit.record import note_listed
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.qualified import QC_COMPLIANCE
from mgops.caseflow.core.signing.qualified import qc_statement_ids
from mgops.caseflow.signing.keys import certificates_for
from mgops.caseflow.signing.keys import describe
from mgops.caseflow.signing.keys import register_own_certificate
from mgops.caseflow.signing.signing import decisions_signed_by


class CertificatesView(CaseflowView):
    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("action"):
            CheckAuthenticator(self.request)
            self._register()
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@moje-certyfikaty"
            )
        return self.index()

    def _register(self):
        upload = self.request.form.get("certificate_file")
        data = upload.read() if upload and hasattr(upload, "read") else b""
        try:
            if not data:
                raise SignatureError(
                    "ui_certificate_file_required",
                    "Choose the file of your certificate (.cer, .crt or .pem).",
                )
            user_id = api.user.get_current().getId()
            certificate = register_own_certificate(user_id, data)
        except CaseflowError as error:
            self.show_refusal(error)
            return
        self.status(
            translate(
                _(
                    "ui_certificate_registered",
                    default="The certificate ${subject} is registered: sign "
                    "decisions with your own tool and upload them.",
                    mapping={"subject": describe(certificate)["subject"]},
                ),
                context=self.request,
            )
        )

    def certificates(self):
        user_id = api.user.get_current().getId()
        signed = decisions_signed_by(user_id)
        now = datetime.datetime.now(datetime.UTC)
        rows = []
        for certificate in certificates_for(user_id):
            described = describe(certificate)
            brains = signed.get(described["sha256"].upper(), [])
            for brain in brains:
                note_listed(brain)
            rows.append(
                {
                    **described,
                    "valid_from": self.moment(certificate.not_valid_before_utc),
                    "valid_to": self.moment(certificate.not_valid_after_utc),
                    "valid_now": certificate.not_valid_before_utc
                    <= now
                    <= certificate.not_valid_after_utc,
                    "qualified": QC_COMPLIANCE in qc_statement_ids(certificate),
                    "decisions": [
                        {"url": b.getURL(), "title": b.register_number or b.Title}
                        for b in brains
                    ],
                }
            )
        return rows
