"""A decision as it is (or will be) signed; the head signs it here.

Signing goes through ``signing.signing`` only: in the server with the keystore
password, or by downloading the unsigned XML and uploading the signed file. A
refusal is shown with ``show_refusal`` (nothing is stored) and says why, in Polish.
"""

from plone import api
from plone.protect import CheckAuthenticator
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.content.vocabularies import DECISION_KINDS
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.signing.decision_xml import NAMESPACE
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.messages import translated
from mgops.caseflow.roles import HEAD
from mgops.caseflow.signing import signing


def xml_fields(xml: bytes) -> dict:
    """The decision XML's content as plain texts, by element."""
    root = parse_untrusted(xml)

    def text(*path):
        found = root.find("/".join(f"{{{NAMESPACE}}}{step}" for step in path))
        return found.text if found is not None and found.text else ""

    return {
        "register_number": text("registerNumber"),
        "date": text("date"),
        "kind": text("kind"),
        "case_reference": text("familyFile", "caseReference"),
        "family_name": text("familyFile", "familyName"),
        "assistant": text("assistant"),
        "legal_basis": text("legalBasis"),
        "content": text("content"),
        "justification": text("justification"),
        "signer_name": text("signer", "name"),
        "signer_post": text("signer", "post"),
    }


class DecisionView(CaseflowView):
    def __call__(self):
        self.verification = None
        self.verification_error = None
        form = self.request.form
        if self.request.method == "POST" and form.get("action") in ("sign", "upload"):
            CheckAuthenticator(self.request)
            return self._sign(form["action"])
        if form.get("verify"):
            self._verify()
        return self.index()

    # -- actions -----------------------------------------------------------

    def _sign(self, action):
        decision = self.context
        try:
            if action == "sign":
                signing.sign_in_server(decision, self.request.form.get("password"))
            else:
                upload = self.request.form.get("signed_file")
                data = upload.read() if upload and hasattr(upload, "read") else b""
                if not data:
                    raise SignatureError(
                        "ui_signed_file_required",
                        "Choose the signed XML file to upload.",
                    )
                signing.accept_signed_upload(decision, data)
        except CaseflowError as error:
            self.show_refusal(error)
        else:
            self.status(
                translate(
                    _(
                        "ui_decision_signed",
                        default="The decision was signed and entered in the "
                        "register as ${number}.",
                        mapping={"number": decision.register_number},
                    ),
                    context=self.request,
                )
            )
        return self.request.response.redirect(decision.absolute_url())

    def _verify(self):
        try:
            self.verification = signing.reverify(self.context)
        except CaseflowError as error:
            self.verification_error = translated(error, self.request)

    # -- what the template shows -------------------------------------------

    @property
    def state(self):
        return api.content.get_state(self.context)

    def state_name(self):
        return self.state_title(self.state, "Decision")

    def is_signed(self):
        return self.state == signing.SIGNED

    def is_imported(self):
        """Made before the centre used the system, brought in by the case
        import: its date and number as recorded then, no signature here."""
        return self.state == states.IMPORTED

    def imported_fields(self) -> dict:
        context, family_file = self.context, self.context.aq_parent
        day = context.register_date
        return {
            "register_number": context.register_number or "",
            "date": day.isoformat() if day else "",
            "kind": context.kind,
            "case_reference": family_file.case_reference,
            "family_name": family_file.family_name,
            "assistant": self.fullname(context.assistant) if context.assistant else "",
            "legal_basis": context.legal_basis or "",
            "content": context.content or "",
            "justification": context.justification or "",
            "signer_name": "",
            "signer_post": "",
        }

    def may_sign(self):
        return self.state == signing.PENDING and HEAD in api.user.get_roles(
            obj=self.context
        )

    def kind_title(self, kind):
        vocabulary = DECISION_KINDS()
        if kind in vocabulary:
            return self.t(vocabulary.getTerm(kind).title)
        return kind

    def document(self):
        """What is signed: the stored signed XML, or what would be signed now."""
        self.render_error = None
        try:
            if self.is_imported():
                fields = self.imported_fields()
            elif self.is_signed():
                fields = xml_fields(signing.signed_xml(self.context))
                if fields["register_number"] != self.context.register_number:
                    # signed before the register had numbers of its own
                    fields["signed_number"] = fields["register_number"]
                    fields["register_number"] = self.context.register_number
            else:
                fields = xml_fields(signing.unsigned_xml(self.context))
                if not self.may_sign():
                    fields["signer_name"] = ""
        except CaseflowError as error:
            self.render_error = translated(error, self.request)
            return None
        fields["kind_title"] = self.kind_title(fields["kind"])
        fields["date_text"] = self.day(fields["date"]) if fields["date"] else ""
        return fields

    def signature(self):
        context = self.context
        return {
            "register_number": context.register_number,
            "signed_number": getattr(context, "signed_number", None),
            "signer": context.signer,
            "signed_at": self.moment(context.signed_at),
            "file_url": f"{context.absolute_url()}/@@decyzja.xml",
        }

    def transitions(self):
        workflow_tool = api.portal.get_tool("portal_workflow")
        return [
            {
                "id": t["id"],
                "title": translate(t["title"], domain="plone", context=self.request),
            }
            for t in workflow_tool.getTransitionsFor(self.context) or []
            if t["id"] != states.SIGN
        ]

    def may_edit(self):
        return api.user.has_permission("Modify portal content", obj=self.context)

    def family_file_url(self):
        return self.context.aq_parent.absolute_url()


class DecisionXmlDownload(CaseflowView):
    """The signed XML of a signed decision; for the head, the XML to sign."""

    def __call__(self):
        decision = self.context
        if api.content.get_state(decision) == signing.SIGNED:
            data = signing.signed_xml(decision)
            name = f"decyzja-{decision.register_number or decision.getId()}"
        else:
            try:
                signing.check_may_sign(decision)
                data = signing.unsigned_xml(decision)
            except CaseflowError as error:
                self.show_refusal(error)
                return self.request.response.redirect(decision.absolute_url())
            name = f"decyzja-do-podpisu-{decision.getId()}"
        name = name.replace("/", "-")
        response = self.request.response
        response.setHeader("Content-Type", "application/xml")
        response.setHeader("Content-Disposition", f'attachment; filename="{name}.xml"')
        return data
