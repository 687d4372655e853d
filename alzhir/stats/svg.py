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
BAR_ROW = 20
LABEL_WIDTH = 250
MAX_BARS = 25


@dataclass
class Bar:
    label: str
    value: int
    href: str = ""
    tick: str = ""  # the axis label under a column, when it differs from the label


def _link(bar: Bar, shape: str) -> str:
    tip = f"<title>{escape(bar.label)}: {bar.value}</title>"
    if not bar.href or not bar.value:
        return f"<g>{tip}{shape}</g>"
    return f'<a href="{escape(bar.href)}">{tip}{shape}</a>'


def _svg(width: int, height: int, title: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def column_chart(bars: list[Bar], title: str, height: int = 220) -> str:
    """Columns along a time axis; every tick label that is set is printed under its column."""
    left, bottom, top = 44, 34, 10
    plot_w, plot_h = WIDTH - left - 8, height - bottom - top
    peak = max((b.value for b in bars), default=0) or 1
    step = plot_w / max(len(bars), 1)
    base = top + plot_h
    parts = [
        f'<line class="axis" x1="{left}" y1="{base}" x2="{WIDTH - 8}" y2="{base}"/>',
        f'<text class="tick" x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    for i, bar in enumerate(bars):
        x = left + i * step
        h = plot_h * bar.value / peak
        rect = (
            f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{max(step * 0.8, 1):.1f}" height="{h:.1f}"/>'
        )
        parts.append(_link(bar, rect))
        if bar.tick:
            parts.append(
                f'<text class="tick" x="{x:.1f}" y="{top + plot_h + 16}">{escape(bar.tick)}</text>'
            )
    return _svg(WIDTH, height, title, "".join(parts))


def bar_chart(bars: list[Bar], title: str) -> str:
    """Horizontal bars, biggest categories as given; the rest are in the table and CSV."""
    bars = bars[:MAX_BARS]
    peak = max((b.value for b in bars), default=0) or 1
    plot_w = WIDTH - LABEL_WIDTH - 60
    parts = []
    for i, bar in enumerate(bars):
        y = i * BAR_ROW
        w = plot_w * bar.value / peak
        label = bar.label if len(bar.label) <= 38 else bar.label[:37] + "…"
        parts.append(
            f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        rect = (
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{max(w, 1):.1f}" '
            f'height="{BAR_ROW - 6}"/>'
        )
        parts.append(_link(bar, rect))
        parts.append(
            f'<text class="tick" x="{LABEL_WIDTH + w + 4:.1f}" y="{y + 14}">{bar.value}</text>'
        )
    return _svg(WIDTH, max(len(bars), 1) * BAR_ROW + 4, title, "".join(parts))


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


def chart_for(table: Table, column: str, href: Callable[[str, str], str]) -> str:
    """The table's chart for one column; `href(row_key, column)` links a bar to its records."""
    if table.chart == "columns":
        counts = {r.key: r.cell(column).count for r in table.rows}
        keys = _timeline_keys(list(counts))
        bars = []
        for key in keys:
            tick = key[:4] if key.endswith("-01") or len(key) == 4 else ""
            if len(key) == 4 and len(keys) > 24 and int(key) % 5:
                tick = ""
            bars.append(Bar(key, counts.get(key, 0), href(key, column), tick))
        if bars and not any(b.tick for b in bars):
            bars[0].tick = bars[0].label
        return column_chart(bars, str(table.title))
    if table.chart == "bars":
        bars = [Bar(r.label, r.cell(column).count, href(r.key, column)) for r in table.rows]
        return bar_chart([b for b in bars if b.value], str(table.title))
    return ""
