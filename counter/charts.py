"""Charts drawn on the server as SVG geometry (no scripts, no inline styles: colours come from CSS classes)."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.text import labelled


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


def _nice_max(value: float) -> int:
    """A round upper bound for an axis (1, 2, 5 x 10^n)."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)


def column_chart(*, labels: list[str], series: list[tuple[str, str, list[int]]], width: int = 720,
                 height: int = 220, label_every: int = 1) -> dict:
    """Stacked columns: `series` is (name, css class, values per label). Returns rects, axis labels, the scale."""
    left, bottom, top = 36, 24, 8
    plot_w, plot_h = width - left - 4, height - bottom - top
    totals = [sum(values[i] for _n, _c, values in series) for i in range(len(labels))]
    scale = _nice_max(max(totals, default=0))
    slot = plot_w / max(len(labels), 1)
    bar_w = max(slot * 0.7, 1)
    rects, xlabels = [], []
    for i, label in enumerate(labels):
        x, base = left + i * slot + (slot - bar_w) / 2, height - bottom
        for name, css, values in series:
            h = plot_h * values[i] / scale
            if values[i]:
                rects.append(Rect(round(x, 1), round(base - h, 1), round(bar_w, 1), round(h, 1), css,
                                  labelled(f"{label} {name}", values[i])))
            base -= h
        if i % label_every == 0:
            xlabels.append(Label(round(x + bar_w / 2, 1), height - 6, label))
    steps = (0, 0.5, 1) if scale % 2 == 0 else (0, 1)
    ticks = [Label(left - 4, round(height - bottom - plot_h * f, 1), str(int(scale * f))) for f in steps]
    return {"width": width, "height": height, "rects": rects, "xlabels": xlabels, "ticks": ticks,
            "left": left, "baseline": height - bottom, "right": width - 4,
            "legend": [(name, css) for name, css, _v in series]}


def bar_list(*, items: list[tuple[str, int]], width: int = 480, row: int = 24) -> dict:
    """Horizontal bars, one per item (label, value), scaled to the largest."""
    label_w, value_w = 90, 50
    plot_w = width - label_w - value_w
    top = max((v for _l, v in items), default=0) or 1
    rows = []
    for i, (label, value) in enumerate(items):
        y = i * row
        rows.append({"label": Label(label_w - 6, y + row * 0.7, label),
                     "rect": Rect(label_w, y + 4, round(plot_w * value / top, 1), row - 8, "bar",
                                  labelled(label, value)),
                     "value": Label(label_w + round(plot_w * value / top, 1) + 4, y + row * 0.7, str(value))})
    return {"width": width, "height": max(len(items), 1) * row, "rows": rows}
