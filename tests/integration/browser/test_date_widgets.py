"""Dates and times in the forms as the office writes them: DD.MM.RRRR, GG:MM."""

from datetime import date
from datetime import datetime

import pytest
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import alsoProvides

from mgops.caseflow.content.interview import IInterview
from mgops.caseflow.content.note import INote
from mgops.caseflow.interfaces import IMgopsCaseflowLayer


@pytest.fixture
def converter(portal, http_request):
    alsoProvides(http_request, IMgopsCaseflowLayer)

    def make(field):
        widget = getMultiAdapter((field, http_request), IFieldWidget)
        widget.context = portal
        return getMultiAdapter((field, widget), IDataConverter)

    return make


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("05.03.2026", date(2026, 3, 5)),
        ("5.3.2026", date(2026, 3, 5)),
        (" 05.03.2026 ", date(2026, 3, 5)),
        ("2026-03-05", date(2026, 3, 5)),  # ISO, as scripts and pastes give it
        ("", None),
    ],
)
def test_a_date_is_typed_as_the_office_writes_it(converter, typed, day):
    field = IInterview["interview_date"]
    assert converter(field).toFieldValue(typed) == day


@pytest.mark.parametrize("typed", ["03/05/2026", "31.02.2026", "5 marca", "05.03.26"])
def test_another_date_is_refused_in_polish(converter, http_request, typed):
    with pytest.raises(FormatterValidationError) as refused:
        converter(IInterview["interview_date"]).toFieldValue(typed)
    message = translate(refused.value.args[0], target_language="pl")
    assert message == "Wpisz datę jako DD.MM.RRRR, np. 05.03.2026."


def test_a_date_is_shown_in_the_form_as_dd_mm_rrrr(converter):
    field = IInterview["interview_date"]
    assert converter(field).toWidgetValue(date(2026, 3, 5)) == "05.03.2026"


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("05.03.2026 14:30", datetime(2026, 3, 5, 14, 30)),
        ("05.03.2026 7:05", datetime(2026, 3, 5, 7, 5)),
        ("2026-03-05T14:30", datetime(2026, 3, 5, 14, 30)),
    ],
)
def test_a_moment_is_typed_in_24_hours(converter, typed, moment):
    value = converter(INote["visit_start"]).toFieldValue(typed)
    assert value.replace(tzinfo=None) == moment


@pytest.mark.parametrize(
    "typed", ["05.03.2026", "05.03.2026 2:30 PM", "05.03.2026 24:00"]
)
def test_a_moment_without_its_time_or_in_12_hours_is_refused(converter, typed):
    with pytest.raises(FormatterValidationError) as refused:
        converter(INote["visit_start"]).toFieldValue(typed)
    message = translate(refused.value.args[0], target_language="pl")
    assert "DD.MM.RRRR GG:MM" in message


def test_the_inputs_say_their_format(portal, http_request):
    alsoProvides(http_request, IMgopsCaseflowLayer)
    for field, placeholder in (
        (IInterview["interview_date"], "DD.MM.RRRR"),
        (INote["visit_start"], "DD.MM.RRRR GG:MM"),
    ):
        widget = getMultiAdapter((field, http_request), IFieldWidget)
        widget.context = portal
        widget.update()
        html = widget.render()
        assert 'type="text"' in html, html
        assert f'placeholder="{placeholder}"' in html, html
