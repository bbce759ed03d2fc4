"""Figures over time, for the charts: one value per month's last day."""

from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.records import Records
from mgops.caseflow.core.reports.records import add_months
from mgops.caseflow.core.rules.ending import END_REASON_STATES


#: after the end of work a family is monitored, or gets social work, for at
#: least 3 months (DESIGN, "Process" 8 and 9): the charts count it there so long
AFTER_END_MONTHS = 3


def month_ends(period: Period):
    return [month.end for month in period.months()]


def caseload_over_time(records: Records, period: Period) -> dict[str, list[int]]:
    """Assistant → the families they worked with on each month's last day."""
    days = month_ends(period)
    series: dict[str, list[int]] = {}
    for record in records.files:
        for index, day in enumerate(days):
            assistant = record.assistant_on(day)
            if assistant:
                series.setdefault(assistant, [0] * len(days))[index] += 1
    return dict(sorted(series.items(), key=lambda item: records.name(item[0])))


def families_by_stage(records: Records, period: Period) -> dict[str, list[int]]:
    """State → families in it on each month's last day, from the signed
    decisions: active while an assistant works with them, then monitoring or
    social work (by the end's reason) for the minimum 3 months."""
    days = month_ends(period)
    series = {
        "active": [0] * len(days),
        "monitoring": [0] * len(days),
        "social_work": [0] * len(days),
    }
    for record in records.files:
        for index, day in enumerate(days):
            if record.assistant_on(day):
                series["active"][index] += 1
            elif record.work_ended and record.work_ended < day <= add_months(
                record.work_ended, AFTER_END_MONTHS
            ):
                state = END_REASON_STATES.get(record.end_reason)
                if state in series:
                    series[state][index] += 1
    return series


def ends_by_reason(records: Records, period: Period) -> dict[str, int]:
    """End-of-work reason → families whose work ended in the period for it."""
    counts = dict.fromkeys(END_REASON_STATES, 0)
    for record in records.files:
        if period.contains(record.work_ended) and record.end_reason in counts:
            counts[record.end_reason] += 1
    return counts
