"""The fund report's bar chart as SVG geometry: one group of bars per month, one bar per fund (CSS classes give
the colours; no inline styles or scripts, as the CSP requires)."""

from __future__ import annotations

from decimal import Decimal

WIDTH, HEIGHT, GAP, LABEL = 720, 200, 6, 16


def fund_chart(*, months: list, funds: list[str], totals: dict) -> dict:
    """{"groups": [{"label", "x", "bars": [{"fund", "x", "y", "w", "h", "amount"}]}], "width", "height"};
    totals is {(month, fund): Decimal}."""
    if not months or not funds:
        return {"groups": [], "width": WIDTH, "height": HEIGHT}
    top = max(totals.values(), default=Decimal(0)) or Decimal(1)
    group_width = WIDTH / len(months)
    bar_width = max((group_width - GAP) / len(funds), 1)
    groups = []
    for i, month in enumerate(months):
        bars = []
        for j, fund in enumerate(funds):
            amount = totals.get((month, fund), Decimal(0))
            h = float(amount / top) * (HEIGHT - LABEL - 4)
            bars.append({"fund": fund, "amount": amount, "w": round(bar_width, 1), "h": round(h, 1),
                         "x": round(i * group_width + GAP / 2 + j * bar_width, 1), "y": round(HEIGHT - LABEL - h, 1)})
        groups.append({"label": f"{month:%Y-%m}", "x": round(i * group_width + group_width / 2, 1), "bars": bars})
    return {"groups": groups, "width": WIDTH, "height": HEIGHT}
