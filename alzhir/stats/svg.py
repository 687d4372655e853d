"""Server-side SVG charts: columns over time and horizontal bars by category.

Written by hand rather than with a charting library (pygal, matplotlib): the charts need only
bars, but every bar must be a plain link to the records behind it, readable without JavaScript
or fonts fetched from elsewhere, and styled by the site's CSS. That is ~100 lines here, where a
library would bring its own scripts, styles and a large dependency."""

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from alzhir.stats.table import Table

WIDTH = 720
BAR_ROW = 24
LABEL_WIDTH = 250
MAX_BARS = 25
SERIES_CLASSES = ("bar", "bar other")
NOT_KNOWN = {"unknown", "no-date", "no-end", "implausible"}


@dataclass
class Bar:
    label: str
    value: int
    href: str = ""
    tick: str = ""  # the axis label under a column, when it differs from the label
    series: str = ""  # which of the table's columns, when a chart stacks several


def _link(bar: Bar, shape: str) -> str:
    name = f"{bar.label} ({bar.series})" if bar.series else bar.label
    tip = f"<title>{escape(name)}: {bar.value}</title>"
    if not bar.href or not bar.value:
        return f"<g>{tip}{shape}</g>"
    return f'<a href="{escape(bar.href)}">{tip}{shape}</a>'


def _svg(width: int, height: int, title: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="group" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def _stacks(bars: list[Bar] | list[list[Bar]]) -> list[list[Bar]]:
    """Each column's (or row's) bars, one per series: a plain list is one series."""
    return [b if isinstance(b, list) else [b] for b in bars]


def column_chart(bars, title: str, height: int = 240) -> str:
    """Columns along a time axis, each a stack of its series (one per table column); every
    tick label that is set is printed under its column."""
    stacks = _stacks(bars)
    left, bottom, top = 52, 40, 12
    plot_w, plot_h = WIDTH - left - 8, height - bottom - top
    peak = max((sum(b.value for b in stack) for stack in stacks), default=0) or 1
    step = plot_w / max(len(stacks), 1)
    base = top + plot_h
    parts = [
        f'<line class="axis" x1="{left}" y1="{base}" x2="{WIDTH - 8}" y2="{base}"/>',
        f'<text class="tick" x="{left - 6}" y="{top + 5}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{left - 6}" y="{base}" text-anchor="end">0</text>',
    ]
    for i, stack in enumerate(stacks):
        x = left + i * step
        y = base
        for number, bar in enumerate(stack):
            h = plot_h * bar.value / peak
            y -= h
            rect = (
                f'<rect class="{SERIES_CLASSES[number % 2]}" x="{x + step * 0.1:.1f}" '
                f'y="{y:.1f}" width="{max(step * 0.8, 1):.1f}" height="{h:.1f}"/>'
            )
            parts.append(_link(bar, rect))
        if stack[0].tick:
            parts.append(
                f'<text class="tick" x="{x:.1f}" y="{base + 20}">{escape(stack[0].tick)}</text>'
            )
    return _svg(WIDTH, height, title, "".join(parts))


def bar_chart(bars, title: str) -> str:
    """Horizontal bars, biggest categories as given, each a stack of its series; the rest
    are in the table and CSV."""
    stacks = _stacks(bars)[:MAX_BARS]
    peak = max((sum(b.value for b in stack) for stack in stacks), default=0) or 1
    plot_w = WIDTH - LABEL_WIDTH - 60
    parts = []
    for i, stack in enumerate(stacks):
        y = i * BAR_ROW
        label = stack[0].label if len(stack[0].label) <= 34 else stack[0].label[:33] + "…"
        parts.append(
            f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        x = LABEL_WIDTH
        for number, bar in enumerate(stack):
            w = plot_w * bar.value / peak
            rect = (
                f'<rect class="{SERIES_CLASSES[number % 2]}" x="{x:.1f}" y="{y + 4}" '
                f'width="{w:.1f}" height="{BAR_ROW - 8}"/>'
            )
            parts.append(_link(bar, rect))
            x += w
        total = sum(b.value for b in stack)
        parts.append(f'<text class="tick" x="{x + 4:.1f}" y="{y + 16}">{total}</text>')
    return _svg(WIDTH, max(len(stacks), 1) * BAR_ROW + 4, title, "".join(parts))


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _timeline_keys(keys: list[str]) -> list[str]:
    """Every month (or year) from the first to the last, so gaps show as empty columns."""
    months = sorted(k for k in keys if len(k) == 7 and k[5:].isdigit())
    if months:
        return _months_between(months[0], months[-1])
    years = sorted(int(k) for k in keys if k.isdigit())
    return [str(y) for y in range(years[0], years[-1] + 1)] if years else []


def chart_for(table: Table, column: str | None, href: Callable[[str, str], str]) -> str:
    """The table's chart: one column's counts, or with `column` None every column stacked
    (ALZHIR and elsewhere). `href(row_key, column)` links a bar to its records. Nothing to
    draw (no counts, or only "date not known") draws no chart at all, never an empty frame."""
    columns = [c for c, _label in table.columns if column in (None, c)]
    labels = dict(table.columns)
    many = len(columns) > 1

    def stack(row_key: str, label: str, tick: str = "") -> list[Bar]:
        row = table.row(row_key)
        return [
            Bar(label, row.cell(c).count if row else 0, href(row_key, c), tick,
                str(labels[c]) if many else "")
            for c in columns
        ]  # fmt: skip

    if table.chart == "columns":
        keys = _timeline_keys([r.key for r in table.rows])
        stacks = []
        for key in keys:
            tick = key[:4] if key.endswith("-01") or len(key) == 4 else ""
            if len(key) == 4 and len(keys) > 12 and int(key) % 5:
                tick = ""
            stacks.append(stack(key, key, tick))
        if stacks and not any(s[0].tick for s in stacks):
            stacks[0][0].tick = stacks[0][0].label
        chart = column_chart(stacks if many else [s[0] for s in stacks], str(table.title))
    elif table.chart == "bars":
        # "not known" is no category to draw: it stays in the table
        stacks = [stack(r.key, r.label) for r in table.rows if r.key not in NOT_KNOWN]
        stacks = [s for s in stacks if sum(b.value for b in s)]
        chart = bar_chart(stacks if many else [s[0] for s in stacks], str(table.title))
    else:
        return ""
    return chart if any(b.value for s in stacks for b in s) else ""
