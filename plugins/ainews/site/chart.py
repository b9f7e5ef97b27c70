"""An SVG line chart drawn at build time: readable without JavaScript or a chart library.

Every line has its own colour, dash pattern and marker shape, and lines with the
same counts are drawn side by side (a few pixels apart) instead of on top of each
other, so no tag disappears. The y-axis has whole-number ticks at a round step.
The legend is HTML beside the chart (``legend_entries``), with each line's sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..index.trends import Trends
from ..model.dates import format_week_short

# Distinguishable on light and dark backgrounds (Okabe-Ito palette plus two).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7B61FF", "#8C564B")
# Told apart without colour too: a dash pattern and a marker per line.
DASHES = ("", "8 4", "2 3", "10 3 2 3", "", "8 4", "2 3", "10 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross", "circle-open", "square-open")
# Pixels between lines that would otherwise lie on top of each other.
SPREAD = 5.0


@dataclass(frozen=True)
class LegendEntry:
    slug: str
    name: str
    colour: str
    sample: str        # a small inline SVG of the line's dash and marker


def integer_ticks(peak: int, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 past ``peak`` at a round step (1, 2, 5, 10, 20, ...), at most ``most``+1."""
    step = 1
    while -(-max(peak, 1) // step) > most:
        for factor in (2, 2.5, 2):   # 1 → 2 → 5 → 10 → 20 → 50 ...
            step = int(step * factor)
            if -(-max(peak, 1) // step) <= most:
                break
    top = -(-max(peak, 1) // step) * step
    return list(range(0, top + 1, step))


def _marker(shape: str, cx: float, cy: float, colour: str, r: float = 4.5) -> str:
    filled = not shape.endswith("-open")
    # An open marker is filled with the page colour (a CSS variable works in style, not in fill="").
    fill = f'fill="{colour}"' if filled else 'style="fill: var(--md-default-bg-color, #fff)"'
    style = f'{fill} stroke="{colour}" stroke-width="1.8"'
    base = shape.removesuffix("-open")
    if base == "circle":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" {style}/>'
    if base == "square":
        return f'<rect x="{cx - r:.1f}" y="{cy - r:.1f}" width="{2 * r}" height="{2 * r}" {style}/>'
    if base == "cross":
        return (f'<path d="M{cx - r:.1f},{cy - r:.1f}L{cx + r:.1f},{cy + r:.1f}M{cx - r:.1f},{cy + r:.1f}'
                f'L{cx + r:.1f},{cy - r:.1f}" stroke="{colour}" stroke-width="2.2"/>')
    points = {"triangle": ((0, -1.2), (1.1, 0.9), (-1.1, 0.9)),
              "triangle-down": ((0, 1.2), (1.1, -0.9), (-1.1, -0.9)),
              "diamond": ((0, -1.3), (1.2, 0), (0, 1.3), (-1.2, 0))}[base]
    return '<polygon points="' + " ".join(f"{cx + dx * r:.1f},{cy + dy * r:.1f}" for dx, dy in points) + f'" {style}/>'


def _offsets(trends: Trends) -> list[float]:
    """Vertical offset of each line: lines with equal counts are spread around their true place."""
    groups: dict[tuple[int, ...], list[int]] = {}
    for n, tag in enumerate(trends.tags):
        groups.setdefault(tag.counts, []).append(n)
    offsets = [0.0] * len(trends.tags)
    for members in groups.values():
        for rank, n in enumerate(members):
            offsets[n] = (rank - (len(members) - 1) / 2) * SPREAD
    return offsets


def render_trend_chart(trends: Trends, width: int = 720, height: int = 320) -> str:
    """An inline <svg> of each tag's weekly count, with integer ticks and week labels."""
    left, right, top, bottom = 40, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = integer_ticks(max((max(t.counts) for t in trends.tags), default=1))
    peak = ticks[-1]
    steps = max(1, len(trends.weeks) - 1)

    def x(i: int) -> float:
        return left + plot_w * i / steps if len(trends.weeks) > 1 else left + plot_w / 2

    def y(count: int) -> float:
        return top + plot_h * (1 - count / peak)

    parts = [f'<svg class="news-chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="trend-chart-title" xmlns="http://www.w3.org/2000/svg">',
             '<title id="trend-chart-title">タグ別の週ごとの記事数</title>']
    for level in ticks:
        parts.append(f'<line class="news-chart__grid" x1="{left}" x2="{left + plot_w}" y1="{y(level):.1f}" y2="{y(level):.1f}"/>')
        parts.append(f'<text class="news-chart__axis" x="{left - 6}" y="{y(level) + 4:.1f}" text-anchor="end">{level}</text>')
    for i, week in enumerate(trends.weeks):
        # The outermost labels hang inwards so the chart's edge does not cut them.
        anchor = "start" if i == 0 and len(trends.weeks) > 1 else "end" if i == steps else "middle"
        parts.append(f'<text class="news-chart__axis" x="{x(i) - (12 if anchor == "start" else 0):.1f}" '
                     f'y="{height - bottom + 22}" text-anchor="{anchor}">{escape(format_week_short(week))}</text>')
    for n, (tag, offset) in enumerate(zip(trends.tags, _offsets(trends))):
        colour, dash, marker = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)], MARKERS[n % len(MARKERS)]
        coords = [(x(i), y(c) + offset) for i, c in enumerate(tag.counts)]
        points = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        marks = "".join(_marker(marker, cx, cy, colour) for cx, cy in coords)
        parts.append(f'<g class="news-chart__series"><title>#{escape(tag.name)}: '
                     f'{escape(" / ".join(map(str, tag.counts)))}</title>'
                     f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dashed} points="{points}"/>'
                     f"{marks}</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def legend_entries(trends: Trends) -> list[LegendEntry]:
    """One entry per line, in the chart's order, with a sample of its colour, dash and marker."""
    entries = []
    for n, tag in enumerate(trends.tags):
        colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        sample = (f'<svg class="news-chart-legend__sample" viewBox="0 0 32 12" width="32" height="12" aria-hidden="true">'
                  f'<line x1="1" y1="6" x2="31" y2="6" stroke="{colour}" stroke-width="2.5"{dashed}/>'
                  f"{_marker(MARKERS[n % len(MARKERS)], 16, 6, colour, 4)}</svg>")
        entries.append(LegendEntry(tag.slug, tag.name, colour, sample))
    return entries
