"""Dates and times as the office writes them: 05.03.2026, 14:30.

On the add-on's layer a date field is a text input for DD.MM.RRRR and a moment
one for DD.MM.RRRR GG:MM (24 hours), whatever the browser's own language: a
browser's native date input shows its locale's order (``mm/dd/yyyy`` and AM/PM
in an English one). The input also takes ISO dates (2026-03-05, 2026-03-05T14:30),
as scripts and pasted values give them; a value neither is refused next to the
field, in Polish. In display mode the same widgets show DD.MM.RRRR (and HH:MM),
where Plone shows the locale's short format (for Polish ``26-03-05``).
"""

import re
from datetime import time

from plone.app.z3cform.converters import DatetimeWidgetConverter
from plone.app.z3cform.converters import DateWidgetConverter
from plone.app.z3cform.widgets.datetime import DatetimeWidget
from plone.app.z3cform.widgets.datetime import DateWidget
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import Interface
from zope.interface import implementer
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime

from mgops.caseflow import _
from mgops.caseflow.browser.common import office_day
from mgops.caseflow.browser.common import office_moment


DAY = r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"
ISO_DAY = r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})"


def _parse(value, with_time):
    """(year, month, day, hour, minute) of ``value`` in the office's or ISO
    form, or None; hour and minute are None without a time."""
    value = (value or "").strip()
    for day in (DAY, ISO_DAY):
        pattern = rf"{day}(?:[ T]+{TIME})?" if with_time else day
        match = re.fullmatch(pattern, value)
        if match:
            parts = match.groupdict()
            hour = parts.get("hour")
            return (
                int(parts["year"]),
                int(parts["month"]),
                int(parts["day"]),
                None if hour is None else int(hour),
                None if hour is None else int(parts["minute"]),
            )
    return None


class IOfficeDateWidget(Interface):
    """A date input in DD.MM.RRRR."""


class IOfficeDatetimeWidget(Interface):
    """A moment input in DD.MM.RRRR GG:MM."""


def _display(widget, render):
    if widget.mode != "display" or not widget.value:
        return None
    converter = getMultiAdapter((widget.field, widget), IDataConverter)
    value = converter.toFieldValue(widget.value)
    if value is widget.field.missing_value:
        return ""
    return render(value)


def window_pattern(start, end):
    """An HTML ``pattern`` a moment typed in the office's or ISO form matches
    only between ``start`` and ``end`` (times of day), both included."""
    hours = []
    for hour in range(24):
        minutes = [m for m in range(60) if start <= time(hour, m) <= end]
        if not minutes:
            continue
        digits = f"0?{hour}" if hour < 10 else f"{hour}"
        if len(minutes) == 60:
            hours.append(f"{digits}:[0-5][0-9]")
        else:
            hours.append(f"{digits}:(?:{'|'.join(f'{m:02}' for m in minutes)})")
    day = r"(?:[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
    return rf"\s*{day}(?: +|T)(?:{'|'.join(hours)})\s*"


class _OfficeInput:
    """A text input with the office's format as its placeholder; a form may
    ask the browser to check a moment against a window of hours before it
    submits (``window``: the hours, ``window_message``: why)."""

    _input_type = "text"
    pattern = ""  # no date-picker pattern: it would make a native input again
    placeholder_text = None
    window = None
    window_message = None

    @property
    def attributes(self):
        attributes = super().attributes
        attributes["placeholder"] = self.placeholder_text
        attributes["inputmode"] = "numeric"
        attributes["autocomplete"] = "off"
        if self.window is not None:
            attributes["pattern"] = window_pattern(*self.window)
            attributes["title"] = self.window_message
        return attributes


@implementer(IOfficeDateWidget)
class OfficeDateWidget(_OfficeInput, DateWidget):
    placeholder_text = "DD.MM.RRRR"

    def render(self):
        shown = _display(self, office_day)
        return super().render() if shown is None else shown


@implementer(IOfficeDatetimeWidget)
class OfficeDatetimeWidget(_OfficeInput, DatetimeWidget):
    placeholder_text = "DD.MM.RRRR GG:MM"

    def render(self):
        shown = _display(self, office_moment)
        return super().render() if shown is None else shown


@implementer(IFieldWidget)
def OfficeDateFieldWidget(field, request):
    return FieldWidget(field, OfficeDateWidget(request))


@implementer(IFieldWidget)
def OfficeDatetimeFieldWidget(field, request):
    return FieldWidget(field, OfficeDatetimeWidget(request))


def _refused(value, message):
    return FormatterValidationError(message, value)


@adapter(IDate, IOfficeDateWidget)
class OfficeDateConverter(DateWidgetConverter):
    def toWidgetValue(self, value):
        if value is self.field.missing_value:
            return ""
        return value.strftime("%d.%m.%Y")

    def toFieldValue(self, value):
        if not (value or "").strip():
            return self.field.missing_value
        parsed = _parse(value, with_time=False)
        try:
            year, month, day = parsed[:3]
            return super().toFieldValue(f"{year}-{month}-{day}")
        except (TypeError, ValueError):
            raise _refused(
                value,
                _(
                    "error_date_format",
                    default="Enter the date as DD.MM.RRRR, e.g. 05.03.2026.",
                ),
            ) from None


@adapter(IDatetime, IOfficeDatetimeWidget)
class OfficeDatetimeConverter(DatetimeWidgetConverter):
    def toWidgetValue(self, value):
        if value is self.field.missing_value:
            return ""
        return office_moment(value)

    def toFieldValue(self, value):
        if not (value or "").strip():
            return self.field.missing_value
        parsed = _parse(value, with_time=True)
        try:
            year, month, day, hour, minute = parsed
            if hour is None:
                raise ValueError("no time")
            if not (0 <= hour <= 23 and 0 <= minute <= 59):
                raise ValueError("no such time")
            return super().toFieldValue(
                f"{year}-{month:02}-{day:02}T{hour:02}:{minute:02}"
            )
        except (TypeError, ValueError):
            raise _refused(
                value,
                _(
                    "error_datetime_format",
                    default="Enter the date and time as DD.MM.RRRR GG:MM "
                    "(24 hours), e.g. 05.03.2026 14:30.",
                ),
            ) from None
