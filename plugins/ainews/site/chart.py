"""An SVG line chart drawn at build time: readable without JavaScript or a chart library."""

from __future__ import annotations

from html import escape

from ..index.trends import Trends

# Distinguishable on light and dark backgrounds (Okabe-Ito palette plus two).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7B61FF", "#8C564B")


def render_trend_chart(trends: Trends, width: int = 720, height: int = 320) -> str:
    """An inline <svg> of each tag's weekly count, with axes and week labels.

    The legend is HTML beside it (``legend_colours``), so it stays legible on a phone
    where the scaled-down chart's own text would be tiny.
    """
    left, right, top, bottom = 40, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((max(t.counts) for t in trends.tags), default=1) or 1
    steps = max(1, len(trends.weeks) - 1)

    def x(i: int) -> float:
        return left + plot_w * i / steps

    def y(count: int) -> float:
        return top + plot_h * (1 - count / peak)

    parts = [f'<svg class="news-chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="trend-chart-title" xmlns="http://www.w3.org/2000/svg">',
             '<title id="trend-chart-title">タグ別の週ごとの記事数</title>']
    for level in sorted({0, peak // 2, peak}):
        parts.append(f'<line class="news-chart__grid" x1="{left}" x2="{left + plot_w}" y1="{y(level):.1f}" y2="{y(level):.1f}"/>')
        parts.append(f'<text class="news-chart__axis" x="{left - 6}" y="{y(level) + 4:.1f}" text-anchor="end">{level}</text>')
    for i, week in enumerate(trends.weeks):
        parts.append(f'<text class="news-chart__axis" x="{x(i):.1f}" y="{height - bottom + 18}" '
                     f'text-anchor="middle">{escape(week.split("-")[1])}</text>')
    for n, tag in enumerate(trends.tags):
        colour = PALETTE[n % len(PALETTE)]
        points = " ".join(f"{x(i):.1f},{y(c):.1f}" for i, c in enumerate(tag.counts))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{points}">'
                     f'<title>{escape(tag.name)}</title></polyline>')
    parts.append("</svg>")
    return "\n".join(parts)


def legend_colours(trends: Trends) -> list[tuple[str, str, str]]:
    """(tag slug, tag name, line colour) in the chart's order."""
    return [(tag.slug, tag.name, PALETTE[n % len(PALETTE)]) for n, tag in enumerate(trends.tags)]
