"""Sign a decision in the server, or accept one signed outside; verify it again.

Both routes end in ``_record``: the register number is taken, the exact signed
bytes and the fields are stored, the decision moves to ``signed`` and its effect
reaches the family file — all in the request's one transaction. Every check runs
*before* anything is written, and any failure raises ``SignatureError``; the
transaction is then aborted (by the REST error view, or by the page's
``show_refusal``), so a refusal changes nothing, not even the register counter.

Numbering of the external route
-------------------------------
The head signs XML that already contains the register number, so the number
must be known when the unsigned XML is downloaded. Reserving it then would burn a
number whenever the head never uploads (and leave a gap), so nothing is reserved:
``@decision-xml`` renders the decision with the number the *next* signature of
the year will get (``DecisionNumbers.peek``) and today's date. The upload is
accepted only if it carries exactly the number and date the register would give
it now; if another decision was signed in between (or the day changed), it is
refused with ``decision_number_outdated`` and the head downloads the XML again and
signs it anew. This keeps the register strictly gap-free and unique at the cost
of a rare re-signing when two decisions are signed at the same moment.
"""

import datetime
from dataclasses import dataclass

from Acquisition import aq_parent
from cryptography.hazmat.primitives import hashes
from plone import api
from plone.namedfile.file import NamedBlobFile

from mgops.caseflow.core import states
from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.core.rules.ending import CLOSE_EARLY
from mgops.caseflow.core.rules.ending import END_WORK
from mgops.caseflow.core.rules.ending import NAMING_ASSISTANT
from mgops.caseflow.core.signing.decision_xml import NAMESPACE
from mgops.caseflow.core.signing.decision_xml import DecisionData
from mgops.caseflow.core.signing.decision_xml import render_decision_xml
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.keystore import unlock_keystore
from mgops.caseflow.core.signing.longterm import complete
from mgops.caseflow.core.signing.safe_xml import parse_untrusted
from mgops.caseflow.core.signing.unsigned import timestamps
from mgops.caseflow.core.signing.unsigned import validation_data
from mgops.caseflow.core.signing.verify import Policy
from mgops.caseflow.core.signing.verify import VerificationResult
from mgops.caseflow.core.signing.verify import signer_certificate
from mgops.caseflow.core.signing.verify import verify
from mgops.caseflow.core.signing.xades import sign
from mgops.caseflow.roles import HEAD
from mgops.caseflow.settings import setting
from mgops.caseflow.signing.effects import apply_effects
from mgops.caseflow.signing.effects import check_effect_possible
from mgops.caseflow.signing.effects import transition_decision
from mgops.caseflow.signing.keys import certificates_for
from mgops.caseflow.signing.keys import keystore_for
from mgops.caseflow.signing.keys import trusted_cas
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.numbers import format_number
from mgops.caseflow.signing.policy import signing_policy
from mgops.caseflow.signing.policy import timestamp_required
from mgops.caseflow.signing.policy import tsa_certificates
from mgops.caseflow.signing.policy import tsa_settings


PENDING = states.PENDING_SIGNATURE
SIGNED = states.SIGNED
SIGN_PERMISSION = "mgops.caseflow: Sign decision"
SIGNED_FILENAME = "decyzja-{uid}.xml"


class SigningForbidden(SignatureError, NotAllowed):
    """The user may not sign this decision at all (HTTP 403)."""


@dataclass(frozen=True)
class Rendering:
    """The unsigned XML of a decision and what went into it."""

    data: DecisionData
    xml: bytes
    n: int
    year: int


def now_utc() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def local_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(OFFICE_ZONE).date()


def _fullname(user_id: str | None) -> str:
    if not user_id:
        return ""
    user = api.user.get(userid=user_id)
    if user is None:
        return user_id
    return user.getProperty("fullname") or user_id


def _signer_post() -> str:
    return setting("signer_post")


def render(decision, day: datetime.date, signer_id: str) -> Rendering:
    """The decision's unsigned XML with the number the next signature would get."""
    n = decision_numbers().peek(day.year)
    family_file = aq_parent(decision)
    data = DecisionData(
        uid=decision.UID(),
        register_number=format_number(n, day.year),
        date=day,
        kind=decision.kind or "other",
        case_reference=family_file.case_reference or "",
        family_name=family_file.family_name or "",
        legal_basis=decision.legal_basis or "",
        content=decision.content or "",
        justification=decision.justification or "",
        assistant_name=_fullname(decision.assistant)
        if decision.kind in NAMING_ASSISTANT
        else "",
        reason=(decision.end_reason if decision.kind == END_WORK else "")
        or (decision.close_reason if decision.kind == CLOSE_EARLY else "")
        or "",
        handover_date=decision.handover_date
        if decision.kind in NAMING_ASSISTANT
        else None,
        signer_name=_fullname(signer_id),
        signer_post=_signer_post(),
    )
    return Rendering(data=data, xml=render_decision_xml(data), n=n, year=day.year)


def check_may_sign(decision) -> str:
    """The acting head's user id, or ``SignatureError`` saying why not."""
    user = api.user.get_current()
    user_id = user.getId()
    if HEAD not in api.user.get_roles(user=user, obj=decision):
        raise SigningForbidden(
            "signing_head_only", "Only the head of the centre signs decisions."
        )
    state = api.content.get_state(obj=decision)
    if state != PENDING:
        raise SignatureError(
            "decision_not_pending",
            "Only a decision pending signature can be signed; this one is ${state}.",
            state=state,
        )
    if not api.user.has_permission(SIGN_PERMISSION, user=user, obj=decision):
        raise SigningForbidden(
            "signing_head_only", "Only the head of the centre signs decisions."
        )
    check_effect_possible(decision)
    return user_id


def _record(decision, rendering: Rendering, signed: bytes, result, user_id) -> None:
    """Take the number and store everything; the only place that writes."""
    n = decision_numbers(create=True).take(rendering.year, decision.UID())
    if n != rendering.n:  # cannot happen inside one transaction; never store it
        raise RuntimeError("register number moved during signing")
    decision.register_number = rendering.data.register_number
    decision.register_year = rendering.year
    decision.register_n = n
    decision.register_date = rendering.data.date
    decision.signature_file = NamedBlobFile(
        data=signed,
        contentType="application/xml",
        filename=SIGNED_FILENAME.format(uid=decision.UID()),
    )
    decision.signer = rendering.data.signer_name
    decision.signer_userid = user_id
    decision.signed_at = result.signing_time
    decision.certificate_sha256 = result.certificate_sha256
    decision.signed_context = {
        "signer_name": rendering.data.signer_name,
        "signer_post": rendering.data.signer_post,
        "assistant_name": rendering.data.assistant_name,
        "case_reference": rendering.data.case_reference,
        "family_name": rendering.data.family_name,
        "reason": rendering.data.reason,
        "handover_date": rendering.data.handover_date.isoformat()
        if rendering.data.handover_date
        else "",
    }
    transition_decision(decision)
    apply_effects(decision, rendering.data.date)
    decision.reindexObject()


def sign_in_server(
    decision, password: str, moment: datetime.datetime | None = None
) -> VerificationResult:
    """Sign with the acting head's stored keystore, verify, store."""
    user_id = check_may_sign(decision)
    keystore_bytes = keystore_for(user_id)
    if not keystore_bytes:
        raise SignatureError(
            "keystore_missing",
            "No keystore is stored for you; sign outside the system and upload "
            "the signed file, or ask the administrator to store your keystore.",
        )
    if not isinstance(password, str) or not password:
        raise SignatureError(
            "keystore_password_required", "Type the password of your keystore."
        )
    keystore = unlock_keystore(user_id, keystore_bytes, password)
    moment = moment or now_utc()
    rendering = render(decision, local_day(moment), user_id)
    signed = sign(
        rendering.xml,
        keystore.private_key,
        keystore.certificate,
        keystore.chain,
        signing_time=moment,
    )
    stored, result = _completed(signed, rendering.xml, user_id)
    _record(decision, rendering, stored, result, user_id)
    return result


def _completed(signed: bytes, expected: bytes, user_id: str, now=None):
    """The signature checked with revocation, timestamped, with its long-term
    data (``core.signing.longterm``): the bytes to store, and what they prove."""
    return complete(
        signed,
        expected,
        trusted_cas(),
        certificates_for(user_id),
        signing_policy(),
        tsa_settings(),
        timestamp_required(),
        now=now,
    )


def _recheck_policy(signed: bytes) -> Policy | None:
    """How a stored signature is verified again: offline, with the timestamp and
    the revocation answers it carries. Whether its certificate had to be
    qualified was decided at signing; a signature stored before profile 1018
    carries neither and is checked as it was accepted then (XAdES-BES)."""
    root = parse_untrusted(signed)
    if not timestamps(root) and not validation_data(root):
        return None
    return Policy(qualified_only=False, tsa_anchors=tsa_certificates(), fetch=False)


def _check_number_and_date(signed_bytes: bytes, rendering: Rendering) -> None:
    root = parse_untrusted(signed_bytes)
    number = root.findtext(f"{{{NAMESPACE}}}registerNumber")
    day = root.findtext(f"{{{NAMESPACE}}}date")
    expected = rendering.data
    if number is None or day is None:
        return  # not a decision at all: verification says so
    if number != expected.register_number or day != expected.date.isoformat():
        raise SignatureError(
            "decision_number_outdated",
            "The signed file carries the register number ${number} of ${date}, "
            "but the decision now gets ${expected_number} of ${expected_date} "
            "(another decision was signed meanwhile, or the day changed). "
            "Download the decision XML again and sign it anew.",
            number=number,
            date=day,
            expected_number=expected.register_number,
            expected_date=expected.date.isoformat(),
        )


def _check_signing_day(result, rendering: Rendering) -> None:
    """The signing time a signer claims must fall on the decision's date.

    Without a timestamp (a demo signing without a TSA) the signing time is
    what the signer's tool wrote; with one it is the timestamp's. Tying it to the date the register gives the decision (today)
    stops a signature back-dated into the validity of an expired certificate.
    """
    signed_on = local_day(result.signing_time)
    if signed_on != rendering.data.date:
        raise SignatureError(
            "signing_time_not_decision_date",
            "The signature was made on ${signed_on}, but the decision is dated "
            "${date}; download the decision XML again and sign it today.",
            signed_on=signed_on.isoformat(),
            date=rendering.data.date.isoformat(),
        )


def accept_signed_upload(
    decision, signed_bytes: bytes, moment: datetime.datetime | None = None
) -> VerificationResult:
    """Verify a decision the head signed with their own tool, and store it."""
    user_id = check_may_sign(decision)
    moment = moment or now_utc()
    rendering = render(decision, local_day(moment), user_id)
    _check_number_and_date(signed_bytes, rendering)
    stored, result = _completed(bytes(signed_bytes), rendering.xml, user_id, moment)
    _check_signing_day(result, rendering)
    _record(decision, rendering, stored, result, user_id)
    return result


def _refuse_imported(decision) -> None:
    """A decision brought in by the case import has nothing to sign or verify."""
    if api.content.get_state(obj=decision) == states.IMPORTED:
        raise SignatureError(
            "decision_imported_no_xml",
            "This decision was made before the centre used the system and brought "
            "in by the case import: it has no XML and no electronic signature.",
        )


def unsigned_xml(decision, moment: datetime.datetime | None = None) -> bytes:
    """What the acting head would sign now (number and date as the upload expects)."""
    _refuse_imported(decision)
    moment = moment or now_utc()
    user_id = api.user.get_current().getId()
    return render(decision, local_day(moment), user_id).xml


def signed_xml(decision) -> bytes:
    return decision.signature_file.data


def reverify(decision) -> VerificationResult:
    """Verify the stored signed XML against the decision as it was signed."""
    _refuse_imported(decision)
    if api.content.get_state(obj=decision) != SIGNED or decision.signature_file is None:
        raise SignatureError(
            "decision_not_signed", "This decision has not been signed yet."
        )
    data = _signed_data(
        decision.UID(),
        signed_number(decision),
        decision.register_date,
        {name: getattr(decision, name, None) for name in _DECISION_TEXTS},
        getattr(decision, "signed_context", {}) or {},
    )
    signed = signed_xml(decision)
    return verify(
        signed,
        render_decision_xml(data),
        trusted_cas(),
        certificates_for(getattr(decision, "signer_userid", None)),
        policy=_recheck_policy(signed),
    )


def decisions_signed_by(user_id: str) -> dict[str, list]:
    """The catalog brains of the decisions ``user_id`` signed, by the SHA-256
    (upper-case hex) of the certificate each was signed with."""
    signed_with: dict[str, list] = {}
    for brain in api.content.find(
        portal_type="Decision", review_state=SIGNED, sort_on="created"
    ):
        decision = brain.getObject()
        if getattr(decision, "signer_userid", None) != user_id:
            continue
        digest = getattr(decision, "certificate_sha256", None)
        if digest is None and decision.signature_file is not None:
            certificate = signer_certificate(decision.signature_file.data)
            digest = certificate.fingerprint(hashes.SHA256()).hex().upper()
        signed_with.setdefault(digest, []).append(brain)
    return signed_with


def signed_number(decision) -> str:
    """The register number inside the decision's signed XML: its register number,
    or the one it was signed with before the register had a shape of its own
    (``legacy_numbers``)."""
    return getattr(decision, "signed_number", None) or decision.register_number


def signed_context(signed: bytes) -> tuple[datetime.date | None, dict]:
    """The decision's date and what signing kept of its context, from the signed XML."""
    root = parse_untrusted(signed)

    def text(path):
        return root.findtext(path.replace("{}", f"{{{NAMESPACE}}}")) or ""

    day = text("{}date")
    return (datetime.date.fromisoformat(day) if day else None), {
        "signer_name": text("{}signer/{}name"),
        "signer_post": text("{}signer/{}post"),
        "assistant_name": text("{}assistant"),
        "case_reference": text("{}familyFile/{}caseReference"),
        "family_name": text("{}familyFile/{}familyName"),
        "reason": text("{}reason"),
        "handover_date": text("{}handoverDate"),
    }


def verify_archived(
    uid: str, number: str, fields: dict, signed: bytes
) -> VerificationResult:
    """Verify a signed decision as an archival package carries it, before import.

    The signed XML must sign exactly the decision the package describes (its
    UID, the number it was signed with, and texts), with a certificate that was valid at the signing
    time and chains to a CA this site trusts. The signer need not be registered
    here: the package may come from another installation, or from before the
    signer's certificates were registered.
    """
    day, context = signed_context(signed)
    data = _signed_data(uid, number, day, fields, context)
    return verify(
        signed,
        render_decision_xml(data),
        trusted_cas(),
        [signer_certificate(signed)],
        policy=_recheck_policy(signed),
    )


#: the decision's own fields that its signed XML carries
_DECISION_TEXTS = ("kind", "legal_basis", "content", "justification")


def _signed_data(uid, register_number, day, fields, context) -> DecisionData:
    return DecisionData(
        uid=uid,
        register_number=register_number,
        date=day,
        kind=fields.get("kind") or "other",
        case_reference=context.get("case_reference", ""),
        family_name=context.get("family_name", ""),
        legal_basis=fields.get("legal_basis") or "",
        content=fields.get("content") or "",
        justification=fields.get("justification") or "",
        assistant_name=context.get("assistant_name", ""),
        signer_name=context.get("signer_name", ""),
        signer_post=context.get("signer_post", ""),
        reason=context.get("reason", ""),
        handover_date=datetime.date.fromisoformat(context["handover_date"])
        if context.get("handover_date")
        else None,
    )


def verification_summary(result: VerificationResult) -> dict:
    """Who signed, with which certificate, and when: what the REST routes report."""
    return {
        "signer": result.signer_common_name,
        "signer_subject": result.signer_subject,
        "issuer": result.issuer,
        "certificate_serial": result.certificate_serial,
        "certificate_sha256": result.certificate_sha256,
        "signing_time": result.signing_time.isoformat(),
        "timestamped": result.timestamped,
    }


def signed_summary(decision, result: VerificationResult) -> dict:
    """What both signing routes answer once the decision is signed."""
    return {
        "register_number": decision.register_number,
        "review_state": SIGNED,
        "verification": verification_summary(result),
    }
