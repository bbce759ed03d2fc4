"""The charts of the reports: SVG rendered on the server by pygal, no script.

Caseload per assistant over time against the limit, families by state over
time, ends by reason; each SVG is named for screen readers (``role="img"``
and its title) and its figures are in the report's table beside it.
"""

import pygal
from pygal.style import Style

from mgops.caseflow import _
from mgops.caseflow.content.vocabularies import END_REASONS
from mgops.caseflow.core.reports.records import Period
from mgops.caseflow.core.reports.records import Records
from mgops.caseflow.core.reports.series import caseload_over_time
from mgops.caseflow.core.reports.series import ends_by_reason
from mgops.caseflow.core.reports.series import families_by_stage
from mgops.caseflow.core.reports.series import month_ends
from mgops.caseflow.core.rules.caseload import effective_caseload_limit


#: dark text on white (WCAG 2.1 AA contrast), colours told apart also by shape
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#000000",
    foreground_subtle="#4d4d4d",
    opacity="1",
    opacity_hover="1",
    colors=(
        "#1f5fa8",
        "#b0302a",
        "#2a7a3b",
        "#7a4fa0",
        "#8a5a00",
        "#006d77",
        "#444444",
    ),
    font_family="DejaVu Sans, sans-serif",
)

STAGE_LABELS = {
    "active": _("stage_active", default="With an assistant"),
    "monitoring": _("stage_monitoring", default="Monitoring"),
    "social_work": _("stage_social_work", default="Social work"),
}


def _config(title):
    return {
        "title": title,
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "width": 760,
        "height": 360,
        "legend_at_bottom": True,
        "show_minor_x_labels": True,
        "x_label_rotation": 0,
        "print_values": False,
    }


def _svg(chart, title) -> str:
    svg = chart.render(is_unicode=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{title}" ', 1)


def charts(records: Records, period: Period, t) -> list[dict]:
    """``[{"title", "svg"}]`` for the period."""
    labels = [f"{day:%m.%Y}" for day in month_ends(period)]
    result = []

    title = t(
        _(
            "chart_caseload",
            default="Families per assistant at each month's end, against the limit",
        )
    )
    line = pygal.Line(**_config(title))
    line.x_labels = labels
    for assistant, values in caseload_over_time(records, period).items():
        line.add(records.name(assistant), values)
    limit = effective_caseload_limit(records.caseload_limit)
    line.add(
        t(_("chart_limit", default="Limit")),
        [limit] * len(labels),
        stroke_style={"dasharray": "6,4"},
    )
    result.append({"title": title, "svg": _svg(line, title)})

    title = t(_("chart_stages", default="Families by state at each month's end"))
    bars = pygal.StackedBar(**_config(title))
    bars.x_labels = labels
    for stage, values in families_by_stage(records, period).items():
        bars.add(t(STAGE_LABELS[stage]), values)
    result.append({"title": title, "svg": _svg(bars, title)})

    title = t(_("chart_ends", default="Ends of work in the period by reason"))
    ends = pygal.HorizontalBar(**_config(title))
    for reason, count in ends_by_reason(records, period).items():
        ends.add(t(END_REASONS().getTerm(reason).title), count)
    result.append({"title": title, "svg": _svg(ends, title)})
    return result
