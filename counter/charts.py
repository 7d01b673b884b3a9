"""Charts drawn on the server as SVG geometry (no scripts, no inline styles: colours come from CSS classes).

Horizontal positions are percentages of the chart's width and vertical ones CSS pixels, and the SVG has no
viewBox: the chart stretches to its box while its text keeps the size the stylesheet gives it, on a phone as on a
wall screen (a scaled viewBox drew 10-unit labels at about 6 px in a half-width card)."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from accounts.text import labelled

PLOT_TOP, PLOT_BOTTOM = 10, 26  # px above the highest tick, and below the axis for the labels
MAX_LABELS = 12  # under the columns; a phone shows every other one of them


@dataclass(frozen=True)
class Rect:
    x: float  # per cent of the width
    y: float  # px
    width: float  # per cent of the width
    height: float  # px
    css: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float  # per cent of the width (ticks: unused, they sit in the axis column)
    y: float  # px
    text: str
    minor: bool = False  # hidden on a phone, so that the labels left do not run into each other


def _nice_max(value: float) -> int:
    """A round upper bound for an axis (1, 2, 5 x 10^n)."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)


def column_chart(*, labels: list[str], series: list[tuple[str, str, list[int]]], height: int = 200) -> dict:
    """Stacked columns: `series` is (name, css class, values per label). Returns rects, axis labels, the scale,
    and `empty` when there is nothing to draw (the page then says so instead of drawing an empty frame)."""
    plot_h = height - PLOT_TOP - PLOT_BOTTOM
    baseline = height - PLOT_BOTTOM
    totals = [sum(values[i] for _n, _c, values in series) for i in range(len(labels))]
    scale = _nice_max(max(totals, default=0))
    slot = 100 / max(len(labels), 1)
    bar_w = slot * 0.7
    label_every = ceil(len(labels) / MAX_LABELS) or 1
    rects, xlabels = [], []
    for i, label in enumerate(labels):
        x, base = i * slot + (slot - bar_w) / 2, baseline
        for name, css, values in series:
            h = plot_h * values[i] / scale
            if values[i]:
                rects.append(Rect(round(x, 2), round(base - h, 1), round(bar_w, 2), round(h, 1), css,
                                  labelled(f"{label} {name}", values[i])))
            base -= h
        if i % label_every == 0:
            xlabels.append(Label(round(x + bar_w / 2, 2), height - 6, label, minor=(i // label_every) % 2 == 1))
    steps = (0, 0.5, 1) if scale % 2 == 0 else (0, 1)
    ticks = [Label(0, round(baseline - plot_h * f, 1), str(int(scale * f))) for f in steps]
    return {"height": height, "rects": rects, "xlabels": xlabels, "ticks": ticks, "baseline": baseline,
            "legend": [(name, css) for name, css, _v in series], "empty": not any(totals)}


def bar_list(*, items: list[tuple[str, int]]) -> dict:
    """Horizontal bars, one per item (label, value), as long as a share of the largest (per cent); `empty` when
    every value is 0."""
    top = max((v for _l, v in items), default=0)
    rows = [{"label": label, "value": value, "width": round(100 * value / top, 2) if top else 0}
            for label, value in items]
    return {"rows": rows, "empty": top == 0}
