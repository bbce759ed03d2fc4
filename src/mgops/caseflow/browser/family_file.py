"""The family file at a glance, and the one door for workflow buttons."""

from datetime import date

from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from zExceptions import BadRequest
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.vocabularies import MEMBER_ROLES
from mgops.caseflow.content.vocabularies import NOTE_KINDS
from mgops.caseflow.content.vocabularies import SUPPORT_PATHS
from mgops.caseflow.core import states
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.errors import NotAllowed
from mgops.caseflow.core.errors import RuleViolation
from mgops.caseflow.messages import translated
from mgops.caseflow.workflow.guards import RuleBlocked
from mgops.caseflow.workflow.guards import check_closing
from mgops.caseflow.workflow.guards import check_request_assistant


#: file transitions whose rules we can tell before the click
PRECHECKS = {
    states.REQUEST_ASSISTANT: check_request_assistant,
    states.CLOSE: check_closing,
}


def transitions_for(obj):
    """The workflow transitions the current user may take on ``obj`` now."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    return workflow_tool.getTransitionsFor(obj) or []


def _not_allowed():
    return NotAllowed(
        "ui_transition_not_allowed", "This step is not possible for you now."
    )


def _term_title(vocabulary, value):
    vocabulary = vocabulary()
    return vocabulary.getTerm(value).title if value in vocabulary else value


class FamilyFileView(CaseflowView):
    """Header, members, documents, obligations, and the actions allowed now."""

    def header(self):
        context = self.context
        state = api.content.get_state(context)
        return {
            "case_reference": context.case_reference,
            "family_name": context.family_name,
            "address": context.address,
            "path": self.t(_term_title(SUPPORT_PATHS, context.support_path)),
            "state": state,
            "state_title": self.state_title(state),
            "social_worker": self.fullname(context.social_worker),
            "assistant": self.fullname(context.assistant),
            "opened": self.day(context.opened),
            "ended": self.day(context.ended),
            "urgent": context.urgent,
        }

    def members(self):
        return [
            {
                "name": f"{m.get('first_name') or ''} {m.get('last_name') or ''}",
                "role": self.t(_term_title(MEMBER_ROLES, m.get("role"))),
                "birth_date": self.day(m.get("birth_date")),
                "pesel": m.get("pesel") or "—",
                "foster_care_since": self.day(m.get("foster_care_since")),
            }
            for m in self.context.members or ()
        ]

    def documents(self):
        """Every document of the file the user may see, oldest first."""
        rows = []
        for brain in api.content.find(context=self.context, depth=1, sort_on="created"):
            obj = brain.getObject()
            rows.append(
                {
                    "url": brain.getURL(),
                    "type": self.type_title(brain.portal_type),
                    "portal_type": brain.portal_type,
                    "title": brain.Title,
                    "state": brain.review_state,
                    "state_title": self.state_title(
                        brain.review_state, brain.portal_type
                    ),
                    "author": self.fullname(brain.Creator),
                    "date": self.day(brain.document_date or brain.created),
                    "transitions": [
                        {"id": t["id"], "title": self.t_plone(t["title"])}
                        for t in transitions_for(obj)
                        if t["id"] != states.SIGN
                    ],
                }
            )
        return rows

    def obligations(self):
        today = date.today()
        return [
            {
                "label": self.obligation_label(item["kind"]),
                "rule": self.rule_text(item["rule"]),
                "due": self.day(item["due"]),
                "overdue": item["due"] < today,
                "responsible": self.fullname(item["responsible"]),
            }
            for item in sorted(
                getattr(self.context, "obligations", ()) or (),
                key=lambda item: item["due"],
            )
        ]

    def t_plone(self, text):
        return translate(text, domain="plone", context=self.request)

    def actions(self):
        """Transition buttons: enabled when the rule holds, else why not (an
        early close is the head's signed decision, not a button)."""
        result = []
        for transition in transitions_for(self.context):
            reason = None
            check = PRECHECKS.get(transition["id"])
            if check is not None:
                try:
                    check(self.context)
                except RuleViolation as violation:
                    reason = translated(violation, self.request)
            result.append(
                {
                    "id": transition["id"],
                    "title": self.t_plone(transition["title"]),
                    "reason": reason,
                    "disabled": bool(reason),
                }
            )
        return result

    def addable(self):
        """The documents the user may add to the file in its present state."""
        context = self.context
        if not api.user.has_permission("Add portal content", obj=context):
            return []
        return [
            {
                "id": fti.getId(),
                "title": self.type_title(fti.getId()),
                "url": f"{context.absolute_url()}/++add++{fti.getId()}",
            }
            for fti in context.allowedContentTypes()
        ]

    def note_kinds(self):
        """A link per kind of note, to the form made for that kind."""
        if not any(item["id"] == "Note" for item in self.addable()):
            return []
        url = f"{self.context.absolute_url()}/++add++Note?kind="
        return [
            {"id": term.value, "title": term.title, "url": f"{url}{term.value}"}
            for term in NOTE_KINDS()
        ]

    def may_edit(self):
        return api.user.has_permission("Modify portal content", obj=self.context)


class TransitionView(CaseflowView):
    """POST a transition (with CSRF token); a refusal becomes a status message."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        transition = self.request.form.get("transition", "")
        comment = self.request.form.get("comment", "") or ""
        allowed = {t["id"] for t in transitions_for(self.context)}
        try:
            if transition not in allowed or transition == states.SIGN:
                raise _not_allowed()
            self._take(transition, comment)
        except CaseflowError as refusal:
            self.show_refusal(refusal)
        else:
            self.status(
                self.t(_("ui_transition_done", default="Done: the state was changed."))
            )
        return self.request.response.redirect(self._next_url())

    def _take(self, transition, comment):
        """Take the transition; the workflow's "no" raised as a refusal."""
        try:
            # Not api.content.transition: it hides the guard's message.
            api.portal.get_tool("portal_workflow").doActionFor(
                self.context, transition, comment=comment
            )
        except RuleBlocked as blocked:
            raise blocked.refusal from blocked
        except WorkflowException as refusal:
            raise _not_allowed() from refusal

    def _next_url(self):
        if self.request.form.get("came_from") == "archiwum":
            return f"{self.portal_url()}/@@archiwum"
        context = self.context
        if IFamilyFile.providedBy(context) or context.portal_type == "Decision":
            return context.absolute_url()
        parent = context.aq_parent
        return (parent if IFamilyFile.providedBy(parent) else context).absolute_url()
