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


#: the order of the groups of documents on the file's page; notes, by month, last
GROUP_ORDER = ("Interview", "Contract", "Plan", "Assessment", "Decision")


def _ordered(keys):
    """Group keys in page order: the types as ``GROUP_ORDER`` has them, then the
    notes' months, the latest first."""
    keys = set(keys)
    notes = sorted((key for key in keys if key.startswith("Note-")), reverse=True)
    others = sorted(keys - set(GROUP_ORDER) - set(notes))
    return [key for key in GROUP_ORDER if key in keys] + notes + others


def _brain_day(brain):
    """A document's legal date from its brain (its creation day without one)."""
    day = brain.document_date
    if day is None:
        day = brain.created.asdatetime().date()
    return day.date() if hasattr(day, "date") else day


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

    #: rows a group shows on the file's page; the rest are a click away
    group_size = 10
    #: rows of one group's own page
    page_size = 50
    #: months of notes whose rows the page shows; older months are links
    open_months = 3

    def _once(self, key, compute):
        """``compute()``, once per ``key`` and page (titles of types and states)."""
        cache = self.__dict__.setdefault("_titles", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def document_groups(self):
        """The file's documents the user may see, in groups — by type, notes by
        month — each latest first (by its legal date), showing its first rows;
        ``?grupa=<key>`` shows one group a page at a time. From the catalog's
        brains alone: a document is woken only to offer its transitions, and
        only while it is not final."""
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1}
        )
        groups = {}
        for brain in brains:
            day = _brain_day(brain)
            if brain.portal_type == "Note":
                key, title = (
                    f"Note-{day:%Y-%m}",
                    (f"{self.type_title('Note')} — {day:%m.%Y}"),
                )
            else:
                key, title = brain.portal_type, self.type_title(brain.portal_type)
            group = groups.setdefault(key, {"key": key, "title": title, "rows": []})
            group["rows"].append((day, brain))
        chosen = self.request.form.get("grupa")
        result = []
        months = 0
        for key in _ordered(groups):
            group = groups[key]
            if chosen and key != chosen:
                continue
            rows = sorted(group["rows"], key=lambda row: row[0], reverse=True)
            start, size = (self.batch_start(), self.page_size) if chosen else (0, None)
            shown = rows[start : start + (size or self.group_size)]
            if key.startswith("Note-") and not chosen:
                months += 1
                if months > self.open_months:
                    shown = []
            url = f"{self.context.absolute_url()}?grupa={key}"
            result.append(
                {
                    "key": key,
                    "title": group["title"],
                    "total": len(rows),
                    "documents": [self._row(day, brain) for day, brain in shown],
                    "more": url if not chosen and len(rows) > len(shown) else None,
                    "earlier": f"{url}&b_start={max(0, start - size)}"
                    if chosen and start
                    else None,
                    "later": f"{url}&b_start={start + size}"
                    if chosen and start + size < len(rows)
                    else None,
                }
            )
        return result

    def _row(self, day, brain):
        transitions = []
        if brain.review_state != states.FINAL:
            transitions = [
                {"id": t["id"], "title": self.t_plone(t["title"])}
                for t in transitions_for(brain.getObject())
                if t["id"] != states.SIGN
            ]
        return {
            "url": brain.getURL(),
            "type": self._once(
                brain.portal_type, lambda: self.type_title(brain.portal_type)
            ),
            "portal_type": brain.portal_type,
            "title": brain.Title,
            "state": brain.review_state,
            "state_title": self._once(
                (brain.review_state, brain.portal_type),
                lambda: self.state_title(brain.review_state, brain.portal_type),
            ),
            "author": self.fullname(brain.Creator),
            "date": self.day(day),
            "transitions": transitions,
        }

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
