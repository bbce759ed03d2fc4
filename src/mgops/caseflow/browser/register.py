"""Rejestr decyzji: the signed decisions, filtered by year and kind."""

from mgops.caseflow.browser.common import CaseflowView
from mgops.caseflow.content.vocabularies import DECISION_KINDS
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.services.register.get import KINDS
from mgops.caseflow.services.register.get import _year
from mgops.caseflow.services.register.get import entries
from mgops.caseflow.signing.rest import message


class RegisterView(CaseflowView):
    def filters(self):
        form = self.request.form
        self.error = None
        try:
            year = _year(form.get("year"))
        except SignatureError as error:
            self.error = message(error, self.request)
            year = None
        kind = form.get("kind") if form.get("kind") in KINDS else None
        return year, kind

    def kinds(self):
        vocabulary = DECISION_KINDS()
        selected = self.request.form.get("kind", "")
        return [
            {
                "id": kind,
                "title": self.t(vocabulary.getTerm(kind).title),
                "selected": kind == selected,
            }
            for kind in KINDS
        ]

    def rows(self):
        year, kind = self.filters()
        vocabulary = DECISION_KINDS()
        return [
            dict(
                row,
                kind_title=self.t(vocabulary.getTerm(row["kind"]).title)
                if row["kind"] in vocabulary
                else row["kind"],
                date_text=self.day(row["date"]),
            )
            for row in entries(year, kind)
        ]

    def years(self):
        return sorted({row["year"] for row in entries() if row["year"]}, reverse=True)
