"""The fund report's bar chart as SVG geometry: one group of bars per month, one bar per fund (CSS classes give
the colours; no inline styles or scripts, as the CSP requires).

Horizontal positions are per cent of the chart's width and vertical ones CSS pixels, with no viewBox: the chart
stretches to the page while its labels keep their CSS size (a scaled viewBox drew them at about 6 px on a phone)."""

from __future__ import annotations

from decimal import Decimal
from math import ceil

HEIGHT, LABEL = 200, 24  # px: the chart, and the strip under the bars for the month labels
GAP = 0.2  # of a month's width, between groups
MAX_LABELS, PHONE_EVERY = 12, 3  # at most 12 month labels; on a phone one in three of them


def fund_chart(*, months: list, funds: list[str], totals: dict) -> dict:
    """{"groups": [{"label", "x", "minor", "bars": [{"fund", "x", "y", "w", "h", "amount"}]}], "height",
    "label_y", "empty"}; totals is {(month, fund): Decimal}; x and w in per cent, y and h in px."""
    top = max(totals.values(), default=Decimal(0))
    if not months or not funds or not top:
        return {"groups": [], "height": HEIGHT, "label_y": HEIGHT - 6, "empty": True}
    group_width = 100 / len(months)
    bar_width = group_width * (1 - GAP) / len(funds)
    every = ceil(len(months) / MAX_LABELS)
    groups = []
    for i, month in enumerate(months):
        bars = []
        for j, fund in enumerate(funds):
            amount = totals.get((month, fund), Decimal(0))
            h = float(amount / top) * (HEIGHT - LABEL - 6)
            bars.append({"fund": fund, "amount": amount, "w": round(bar_width, 3), "h": round(h, 1),
                         "x": round(i * group_width + group_width * GAP / 2 + j * bar_width, 3),
                         "y": round(HEIGHT - LABEL - h, 1)})
        shown = i % every == 0
        groups.append({"label": f"{month:%Y-%m}" if shown else "", "x": round(i * group_width + group_width / 2, 3),
                       "minor": (i // every) % PHONE_EVERY != 0, "bars": bars})
    return {"groups": groups, "height": HEIGHT, "label_y": HEIGHT - 6, "empty": False}
