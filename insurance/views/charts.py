"""A bar chart of contributions by year as SVG geometry (no inline styles or scripts: CSP-safe)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

WIDTH, HEIGHT, GAP = 600, 160, 4


def history_chart(history: list[dict], years: int = 15) -> dict:
    """{"bars": [{"x", "y", "w", "h", "year", "amount", "months"}], "width", "height"} of the last `years` years."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    months: dict[int, int] = defaultdict(int)
    for row in history:
        totals[row["year"]] += row["employer"] + row["individual"]
        if row["insurance_type"] == "pension":
            months[row["year"]] = row["months"]
    shown = sorted(totals)[-years:]
    if not shown:
        return {"bars": [], "width": WIDTH, "height": HEIGHT}
    top = max(totals[y] for y in shown) or Decimal(1)
    width = WIDTH / len(shown)
    bars = []
    for i, year in enumerate(shown):
        h = float(totals[year] / top) * (HEIGHT - 20)
        bars.append({"x": round(i * width + GAP / 2, 1), "w": round(width - GAP, 1), "y": round(HEIGHT - 14 - h, 1),
                     "h": round(h, 1), "year": year, "amount": totals[year], "months": months.get(year, 0),
                     "label_x": round(i * width + width / 2, 1)})
    return {"bars": bars, "width": WIDTH, "height": HEIGHT}
