"""Results of a benchmark run: medians, ratios, and the table, Markdown or JSON."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from measure import Measurement

FLOOR = "floor"
# (numerator, denominator) pairs reported besides every target against the floor.
COMPARISONS = [(ours, other) for ours in ("ours", "ours-warm", "ours-core") for other in ("material-blog", "hugo")] \
    + [("ours-add-one", "ours")]   # a publish with the cache kept, against a cold one


@dataclass
class Result:
    """What one target did over all repetitions."""

    name: str
    status: str = "ok"  # "ok", "failed" or "skipped"
    reason: str = ""
    runs: list[Measurement] = field(default_factory=list)
    html_files: int = 0

    @property
    def ok(self) -> bool:
        return self.status == "ok" and bool(self.runs)

    def median(self, attr: str) -> float:
        return statistics.median(getattr(run, attr) for run in self.runs)


def ratio(results: dict[str, Result], top: str, bottom: str) -> dict[str, float] | None:
    """Median wall time and peak RSS of `top` over those of `bottom`, if both ran."""
    a, b = results.get(top), results.get(bottom)
    if not (a and b and a.ok and b.ok):
        return None
    return {"wall": a.median("wall_s") / b.median("wall_s"),
            "rss": a.median("peak_rss_mib") / b.median("peak_rss_mib")}


def all_ratios(results: dict[str, Result]) -> dict[str, dict[str, float]]:
    """Every target against the floor, and ours against the other generators."""
    pairs = [(name, FLOOR) for name in results if name != FLOOR] + COMPARISONS
    found = {f"{top}/{bottom}": ratio(results, top, bottom) for top, bottom in pairs}
    return {key: value for key, value in found.items() if value}


def _row(result: Result, n: int, results: dict[str, Result]) -> list[str]:
    if not result.ok:
        last_line = (result.reason.strip().splitlines() or [""])[-1]  # an exception's message
        note = f"{result.status}: {last_line}"[:160]
        return [result.name, "", "", "", "", "", "", "", note]
    wall = result.median("wall_s")
    vs_floor = ratio(results, result.name, FLOOR) if result.name != FLOOR else None
    return [
        result.name,
        f"{wall:.2f}",
        f"{wall * 1000 / n:.1f}",
        f"{result.median('cpu_s'):.2f}",
        f"{result.median('peak_rss_mib'):.0f}",
        str(result.html_files),
        f"{vs_floor['wall']:.1f}×" if vs_floor else "",
        f"{vs_floor['rss']:.1f}×" if vs_floor else "",
        "",
    ]


HEADERS = ["target", "wall s", "ms/article", "CPU s", "peak RSS MiB", "HTML files",
           "wall ÷ floor", "RSS ÷ floor", "note"]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    """Rows as a Markdown table, or as aligned plain text."""
    if markdown:
        lines = [headers, ["---"] + ["---:"] * (len(headers) - 2) + ["---"], *rows]
        return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
                     for cells in [headers, *rows])


def describe_run(meta: dict[str, Any]) -> str:
    """One paragraph: corpus size, repetitions, versions and machine."""
    env = meta["environment"]
    hugo = (env["hugo"] or "not installed").split("+")[0].removeprefix("hugo ")
    return (f"{meta['n']} articles (seed {meta['seed']}), median of {meta['reps']} run(s); "
            f"Python {env['python']}, MkDocs {env['mkdocs']}, Material {env['mkdocs-material']}, "
            f"Markdown {env['markdown']}, Hugo {hugo}; {env['cpu']}, {env['cpus']} CPUs; "
            f"peak RSS by {meta['rss_method']}.")


def render(results: dict[str, Result], meta: dict[str, Any], markdown: bool) -> str:
    """The full report: run description, table, and ours against the others."""
    n = meta["n"]
    rows = [_row(r, n, results) for r in results.values()]
    lines = [describe_run(meta), "", format_table(HEADERS, rows, markdown), ""]
    for top, bottom in COMPARISONS:
        found = ratio(results, top, bottom)
        if found:
            prefix = "- " if markdown else ""
            lines.append(f"{prefix}{top} ÷ {bottom}: wall {found['wall']:.2f}×, "
                         f"peak RSS {found['rss']:.2f}×")
    return "\n".join(lines).rstrip() + "\n"


def to_json(results: dict[str, Result], meta: dict[str, Any]) -> dict[str, Any]:
    """Everything measured, every run included, for later comparison."""
    out = []
    for r in results.values():
        entry: dict[str, Any] = {"name": r.name, "status": r.status, "reason": r.reason,
                                 "html_files": r.html_files, "runs": [asdict(m) for m in r.runs]}
        if r.ok:
            entry |= {"wall_s": r.median("wall_s"), "cpu_s": r.median("cpu_s"),
                      "peak_rss_mib": r.median("peak_rss_mib"),
                      "ms_per_article": r.median("wall_s") * 1000 / meta["n"]}
        out.append(entry)
    return {**meta, "results": out, "ratios": all_ratios(results)}
