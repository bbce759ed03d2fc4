"""The decision as it is signed: plain data in, the same XML bytes out every time.

The XML is what the head signs and what is kept byte for byte, so it is rendered
from a frozen value only, validated against the XSD shipped beside this module,
and carries no ``xml:lang`` (conformant verifiers reject it on a signed root).
The register number is part of it: it is assigned before rendering and signing.
"""

import datetime
import enum
import re
import threading
from dataclasses import dataclass
from importlib import resources

from lxml import etree
from lxml.builder import ElementMaker

from mgops.caseflow.core.signing.errors import SignatureError


NAMESPACE = "urn:mgops:caseflow:decision:1"

_REQUIRED_TEXTS = (
    "uid",
    "register_number",
    "case_reference",
    "family_name",
    "legal_basis",
    "content",
    "signer_name",
    "signer_post",
)
_OPTIONAL_TEXTS = ("justification", "assistant_name")
_NOT_XML_CHARACTER = re.compile(
    "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class DecisionKind(enum.StrEnum):
    ASSIGN_ASSISTANT = "assign_assistant"
    CHANGE_ASSISTANT = "change_assistant"
    END_WORK = "end_work"
    CLOSE_EARLY = "close_early"
    OTHER = "other"


#: the kinds that name an assistant (``core/rules/ending.NAMING_ASSISTANT``)
NAMING_ASSISTANT = (DecisionKind.ASSIGN_ASSISTANT, DecisionKind.CHANGE_ASSISTANT)


@dataclass(frozen=True)
class DecisionData:
    """Everything the signed decision says; ``kind`` may be given as its string."""

    uid: str
    register_number: str
    date: datetime.date
    kind: DecisionKind
    case_reference: str
    family_name: str
    legal_basis: str
    content: str
    signer_name: str
    signer_post: str
    justification: str = ""
    assistant_name: str = ""
    #: the end-of-work or early-close reason, as the fixed list's id
    reason: str = ""
    #: the handover day an assignment or change names, if not the signing day
    handover_date: datetime.date | None = None

    def __post_init__(self):
        object.__setattr__(self, "kind", DecisionKind(self.kind))
        for field in _REQUIRED_TEXTS:
            if not getattr(self, field).strip():
                raise SignatureError(
                    "decision_field_required",
                    "The decision's field ${field} must not be empty.",
                    field=field,
                )
        for field in _REQUIRED_TEXTS + _OPTIONAL_TEXTS:
            if _NOT_XML_CHARACTER.search(getattr(self, field)):
                raise SignatureError(
                    "decision_field_invalid_characters",
                    "The decision's field ${field} contains characters "
                    "that XML cannot hold.",
                    field=field,
                )
        if self.kind in NAMING_ASSISTANT and not self.assistant_name.strip():
            raise SignatureError(
                "decision_assistant_required",
                "A decision assigning an assistant must name the assistant.",
            )


_XSD = (resources.files(__package__) / "schemas" / "decision.xsd").read_bytes()
_compiled = threading.local()


def decision_schema() -> etree.XMLSchema:
    """The XSD, compiled once per thread: libxml2's schema objects are not to be
    shared between threads (two instances' threads signing at once answered
    "XMLSchemaParseError: … not a built-in type"), as ``archive/validation``
    keeps its schemas too."""
    schema = getattr(_compiled, "schema", None)
    if schema is None:
        schema = _compiled.schema = etree.XMLSchema(etree.fromstring(_XSD))
    return schema


# Compiled once on import, in the importing (start-up) thread, so that
# libxml2's built-in schema types are set up before any request thread parses.
decision_schema()


def _text(value: str) -> str:
    """One line ending everywhere, so browser input (CR LF) renders like any other."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def render_decision_xml(decision: DecisionData) -> bytes:
    """The unsigned decision XML (UTF-8, with declaration), valid against the XSD."""
    E = ElementMaker(namespace=NAMESPACE, nsmap={None: NAMESPACE})
    assistant = (
        [E.assistant(_text(decision.assistant_name))]
        if decision.assistant_name.strip()
        else []
    )
    justification = (
        [E.justification(_text(decision.justification))]
        if decision.justification.strip()
        else []
    )
    reason = [E.reason(decision.reason)] if decision.reason else []
    handover = (
        [E.handoverDate(decision.handover_date.isoformat())]
        if decision.handover_date
        else []
    )
    root = E.decision(
        E.uid(_text(decision.uid)),
        E.registerNumber(_text(decision.register_number)),
        E.date(decision.date.isoformat()),
        E.kind(decision.kind.value),
        *reason,
        E.familyFile(
            E.caseReference(_text(decision.case_reference)),
            E.familyName(_text(decision.family_name)),
        ),
        *assistant,
        *handover,
        E.legalBasis(_text(decision.legal_basis)),
        E.content(_text(decision.content)),
        *justification,
        E.signer(
            E.name(_text(decision.signer_name)),
            E.post(_text(decision.signer_post)),
        ),
    )
    decision_schema().assertValid(root)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
