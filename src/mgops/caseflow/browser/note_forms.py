"""The note's add and edit forms, made for the kind of note.

A note of a known kind (the file page's link for that kind, or the note being
edited) asks only for the fields its kind needs (``content.note.KIND_FIELDS``);
the others stay in the form hidden and empty, so the schema's invariants see the
whole note on every route. The add form names the note after its kind and the
day (editable), offers the file's address as the place and, for a visit, shows
the assistant's hours and has the browser check the times against them before
it submits; the server checks them again, as over REST.
"""

from datetime import datetime

from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from z3c.form.interfaces import HIDDEN_MODE
from zope.i18n import translate

from mgops.caseflow import _
from mgops.caseflow.content.note import KIND_FIELDS
from mgops.caseflow.content.note import fields_not_needed
from mgops.caseflow.content.vocabularies import NOTE_KINDS
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.core.rules.visits import TIMED_NOTE_KINDS
from mgops.caseflow.settings import visit_window


#: fields no note asks for in its form: Plone's description (the content says it)
NEVER_ASKED = ("IBasic.description",)


def kind_title(kind, request):
    term = NOTE_KINDS().by_value.get(kind)
    return translate(term.title, context=request) if term else ""


class NoteFormMixin:
    def note_kind(self):
        raise NotImplementedError

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        kind = self.note_kind()
        for name in (*NEVER_ASKED, *fields_not_needed(kind)):
            if name in self.widgets:
                self.widgets[name].mode = HIDDEN_MODE
        if kind in KIND_FIELDS:
            self.widgets["kind"].mode = HIDDEN_MODE
        if kind in TIMED_NOTE_KINDS:
            self._show_visit_window()

    def _show_visit_window(self):
        start, end = visit_window()
        message = translate(
            _(
                "help_visit_window",
                default="Between ${start} and ${end}, on one day: the family "
                "assistant's working hours.",
                mapping={"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
            ),
            context=self.request,
        )
        for name in ("visit_start", "visit_end"):
            widget = self.widgets[name]
            widget.description = message
            widget.window = (start, end)
            widget.window_message = message


class NoteAddForm(NoteFormMixin, DefaultAddForm):
    def note_kind(self):
        form = self.request.form
        kind = form.get("form.widgets.kind") or form.get("kind")
        if isinstance(kind, (list, tuple)):
            kind = kind[0] if kind else None
        return kind if kind in KIND_FIELDS else None

    @property
    def label(self):
        kind = self.note_kind()
        if kind is None:
            return super().label
        return _(
            "ui_add_note_of_kind",
            default="Add a note: ${kind}",
            mapping={"kind": kind_title(kind, self.request)},
        )

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        kind = self.note_kind()
        if kind is None:
            return
        self.widgets["kind"].value = [kind]
        if "form.widgets.IBasic.title" not in self.request.form:
            today = datetime.now(OFFICE_ZONE).date()
            title = self.widgets["IBasic.title"]
            title.value = f"{kind_title(kind, self.request)} {today:%d.%m.%Y}"
            place = self.widgets["place"]
            if place.mode != HIDDEN_MODE:
                place.value = getattr(self.context, "address", None) or ""


class NoteAddView(DefaultAddView):
    form = NoteAddForm


class NoteEditForm(NoteFormMixin, DefaultEditForm):
    def note_kind(self):
        return getattr(self.context, "kind", None)
