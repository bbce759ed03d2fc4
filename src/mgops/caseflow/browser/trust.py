"""Site Setup → Zaufane usługi podpisu: the trust anchors and the national trusted list.

The administrator adds a national root (or another CA) certificate, and
installs the national trusted list (ETSI TS 119 612), by the same functions as
``@signing-keys`` (``signing.keys.trust_ca``, ``install_trusted_list``); the
page shows the trust list and the list's services with their status history.
The TSA, the qualified-only switch and the list-signing certificate are
settings of the control panel (tab *Podpisy kwalifikowane*).
"""

from plone.protect import CheckAuthenticator
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.signing.keys import install_trusted_list
from mgops.caseflow.signing.keys import trust_ca
from mgops.caseflow.signing.keys import trust_list
from mgops.caseflow.signing.keys import trusted_services


STATUS = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/"


class TrustServicesView(CaseflowView):
    def __call__(self):
        action = self.request.form.get("action")
        if self.request.method == "POST" and action in ("anchor", "trusted_list"):
            CheckAuthenticator(self.request)
            self._install(action)
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@zaufane-uslugi"
            )
        return self.index()

    def _install(self, action):
        upload = self.request.form.get("file")
        data = upload.read() if upload and hasattr(upload, "read") else b""
        try:
            if not data:
                raise SignatureError(
                    "ui_trust_file_required", "Choose the file to install."
                )
            if action == "anchor":
                trust_ca(data)
            else:
                install_trusted_list(data)
        except CaseflowError as error:
            self.show_refusal(error)
            return
        self.status(
            translate(
                _("ui_trust_installed", default="Installed."), context=self.request
            )
        )

    def anchors(self):
        return trust_list()

    def services(self):
        return [
            dict(
                service,
                history=[
                    dict(period, status=period["status"].removeprefix(STATUS))
                    for period in service["history"]
                ],
            )
            for service in trusted_services()
        ]
