"""Charts as inline SVG, drawn on the server: no script, nothing from elsewhere (CSP 'self').

Every chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`
(which says what the highest bar is), each bar carries its own `<title>` with its label and
value, and the chart's template shows the same numbers as a table: a chart is never the only
way to read a figure, and colour never carries meaning on its own.
"""

from dataclasses import dataclass
from itertools import count

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 720
HEIGHT = 240
MARGIN_LEFT = 48
MARGIN_BOTTOM = 36
MARGIN_TOP = 12
BAR_COLOUR = "#007d7e"  # Wagtail's teal: 4.9:1 against white
AXIS_COLOUR = "#5c5c5c"
ROW_HEIGHT = 26
LABEL_WIDTH = 260
MAX_AXIS_LABELS = 12

_ids = count(1)


@dataclass(frozen=True)
class Bar:
    label: str  # as the table and the bar's tooltip show it
    value: float
    axis_label: str = ""  # shorter, under the bar (time charts)


@dataclass(frozen=True)
class Chart:
    """A chart with its numbers: `svg` to look at, `bars` for the table beside it."""

    title: str
    description: str
    svg: SafeString
    bars: list[Bar]
    value_heading: str
    label_heading: str
    unit: str = ""

    def rows(self) -> list[tuple[str, str]]:
        """The chart's numbers for its table: (label, value as text)."""
        return [(bar.label, _number(bar.value, self.unit)) for bar in self.bars]


def _number(value: float, unit: str) -> str:
    text = f"{value:.1f}".replace(".", ",") if isinstance(value, float) else str(value)
    return f"{text}{unit}"


def _describe(bars: list[Bar], unit: str) -> str:
    if not bars or max(bar.value for bar in bars) == 0:
        return "Geen gegevens in deze periode."
    highest = max(bars, key=lambda bar: bar.value)
    return f"Hoogste waarde: {highest.label} met {_number(highest.value, unit)}."


def _open_svg(chart_id: str, title: str, description: str, height: int) -> SafeString:
    return format_html(
        '<svg class="report-chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
    )


def column_chart(
    title: str, bars: list[Bar], *, unit: str = "", value_heading: str, label_heading: str
) -> Chart:
    """Vertical bars in order (over time), the axis labelled at most MAX_AXIS_LABELS times."""
    chart_id = f"chart-{next(_ids)}"
    description = _describe(bars, unit)
    highest = max([bar.value for bar in bars] + [0]) or 1
    plot_width = WIDTH - MARGIN_LEFT - 8
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    step = plot_width / max(len(bars), 1)
    every = max(1, -(-len(bars) // MAX_AXIS_LABELS))
    parts = [_open_svg(chart_id, title, description, HEIGHT)]
    parts.append(
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
            '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">{}</text>'
            '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">0</text>',
            MARGIN_LEFT,
            HEIGHT - MARGIN_BOTTOM,
            WIDTH - 8,
            HEIGHT - MARGIN_BOTTOM,
            AXIS_COLOUR,
            MARGIN_LEFT - 6,
            MARGIN_TOP + 10,
            AXIS_COLOUR,
            _number(highest, unit),
            MARGIN_LEFT - 6,
            HEIGHT - MARGIN_BOTTOM,
            AXIS_COLOUR,
        )
    )
    for index, bar in enumerate(bars):
        bar_height = plot_height * bar.value / highest
        x = MARGIN_LEFT + index * step
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                _px(x + step * 0.1),
                _px(HEIGHT - MARGIN_BOTTOM - bar_height),
                _px(step * 0.8),
                _px(bar_height),
                BAR_COLOUR,
                bar.label,
                _number(bar.value, unit),
            )
        )
        if index % every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
                    _px(x + step / 2),
                    HEIGHT - MARGIN_BOTTOM + 16,
                    AXIS_COLOUR,
                    bar.axis_label or bar.label,
                )
            )
    parts.append(SafeString("</svg>"))
    svg = SafeString("".join(parts))
    return Chart(title, description, svg, bars, value_heading, label_heading, unit)


def bar_chart(
    title: str, bars: list[Bar], *, unit: str = "", value_heading: str, label_heading: str
) -> Chart:
    """Horizontal bars with their label and value written out (a top 10)."""
    chart_id = f"chart-{next(_ids)}"
    description = _describe(bars, unit)
    highest = max([bar.value for bar in bars] + [0]) or 1
    height = max(ROW_HEIGHT * len(bars), ROW_HEIGHT) + 8
    plot_width = WIDTH - LABEL_WIDTH - 80
    rows = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#1e1e1e">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}" font-size="12" fill="#1e1e1e">{}</text>',
        (
            (
                LABEL_WIDTH - 8,
                index * ROW_HEIGHT + 17,
                _shorten(bar.label, 40),
                LABEL_WIDTH,
                index * ROW_HEIGHT + 4,
                _px(plot_width * bar.value / highest),
                ROW_HEIGHT - 8,
                BAR_COLOUR,
                bar.label,
                _number(bar.value, unit),
                _px(LABEL_WIDTH + plot_width * bar.value / highest + 6),
                index * ROW_HEIGHT + 17,
                _number(bar.value, unit),
            )
            for index, bar in enumerate(bars)
        ),
    )
    svg = SafeString(_open_svg(chart_id, title, description, height) + rows + "</svg>")
    return Chart(title, description, svg, bars, value_heading, label_heading, unit)


def _px(value: float) -> str:
    return f"{value:.1f}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
