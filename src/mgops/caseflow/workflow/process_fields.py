"""The family file's fields that only the process may change, on every route.

* ``assistant`` and ``ended`` are set by signing a decision (``signing/effects``).
* ``social_worker`` is changed by the head only — an edit the audit trail keeps
  with the field's name (``audit/subscribers.object_modified``) — never by the
  social worker handing the file to a colleague.
* ``learned_on``, ``urgent`` and ``support_path`` feed the first deadlines; they
  are fixed once a document resting on them is final (the interview or the
  "Za życiem" application) or the file has left intake. A wrong value is then
  corrected by a correction document, not by an edit.

Two doors check them with ``check_field_changes``: the REST deserializer
(``FamilyFileDeserializer``), because plone.restapi silently skips read-only
fields and fields the user may not write, where this answers with a refusal;
and the modified-event subscriber, for the edit form and any other code path.
"""

import datetime

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson

from mgops.caseflow.core import states
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.roles import HEAD
from mgops.caseflow.workflow.corrections import applying_correction
from mgops.caseflow.workflow.facts import documents_of
from mgops.caseflow.workflow.guards import applying_signed_decision


SET_BY_SIGNING = ("assistant", "ended")
CHANGED_BY_HEAD = ("social_worker",)
FIXED_ONCE_DECIDED = ("learned_on", "urgent", "support_path")
GUARDED = SET_BY_SIGNING + CHANGED_BY_HEAD + FIXED_ONCE_DECIDED

#: the documents that rest on the first facts of a file, once final
_BASIS_DOCUMENTS = (("Interview", None), ("Note", "za_zyciem_application"))


def _has_final_basis(family_file) -> bool:
    return any(
        documents_of(
            family_file,
            portal_type=portal_type,
            review_state=states.FINAL,
            **({"document_kind": kind} if kind else {}),
        )
        for portal_type, kind in _BASIS_DOCUMENTS
    )


def facts_fixed(family_file) -> bool:
    """Whether ``FIXED_ONCE_DECIDED`` can no longer be edited."""
    state = api.content.get_state(family_file, default=states.INTAKE)
    return state != states.INTAKE or _has_final_basis(family_file)


def check_field_changes(family_file, names) -> None:
    """Refuse a change of any guarded field in ``names`` (those that change)."""
    names = set(names) & set(GUARDED)
    if not names or applying_signed_decision():
        return
    if names <= set(FIXED_ONCE_DECIDED) and applying_correction():
        return
    if names & set(SET_BY_SIGNING):
        raise RuleViolation(
            "rule_field_set_by_decision",
            "The family's assistant and the day the work ended are set only by "
            "the head's signed decision; prepare a decision instead.",
        )
    if "social_worker" in names and not api.user.get_current().has_role(
        HEAD, family_file
    ):
        raise RuleViolation(
            "rule_social_worker_by_head",
            "Only the head hands a family file to another social worker.",
        )
    if names & set(FIXED_ONCE_DECIDED) and facts_fixed(family_file):
        raise RuleViolation(
            "rule_fact_fixed",
            "The day the centre learned of the family, the urgency and the path "
            "can no longer be edited: the interview (or application) is final or "
            "the file has left intake. Write a correction document naming the "
            "original instead.",
        )


def _same(current, sent) -> bool:
    """Whether a JSON value says what is stored (so a full GET body can be sent
    back unchanged)."""
    if sent in (None, "") and current in (None, ""):
        return True
    if isinstance(current, datetime.date):
        return isinstance(sent, str) and sent[:10] == current.isoformat()
    if isinstance(sent, dict) and "token" in sent:  # a vocabulary term as served
        sent = sent["token"]
    if isinstance(current, bool):
        return bool(sent) == current
    return sent == current


class FamilyFileDeserializer(DeserializeFromJson):
    """plone.restapi's deserializer, refusing what it would silently skip."""

    def __call__(self, validate_all=False, data=None, create=False, **options):
        if data is None:
            data = json_body(self.request)
        if isinstance(data, dict):
            if create:
                sent = [name for name in SET_BY_SIGNING if data.get(name)]
                if data.get("social_worker") not in (
                    None,
                    "",
                    api.user.get_current().getId(),
                ):
                    sent.append("social_worker")
            else:
                sent = [
                    name
                    for name in GUARDED
                    if name in data
                    and not _same(getattr(self.context, name, None), data[name])
                ]
            check_field_changes(self.context, sent)
        return super().__call__(
            validate_all=validate_all, data=data, create=create, **options
        )
