"""A bar chart of contributions by year as SVG geometry (no inline styles or scripts: CSP-safe).

x and widths in per cent of the chart's width, y and heights in px, no viewBox: the chart stretches to the card
while the year labels keep their CSS size (a scaled viewBox drew them at about 7 px in a phone's card)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

HEIGHT, LABEL = 160, 22  # px: the chart, and the strip under the bars for the years
GAP = 0.15  # of a year's width, between bars
PHONE_EVERY = 3  # on a phone, one year in three is labelled


def history_chart(history: list[dict], years: int = 15) -> dict:
    """{"bars": [{"x", "y", "w", "h", "year", "amount", "months", "label_x", "minor"}], "height", "label_y"} of the
    last `years` years."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    months: dict[int, int] = defaultdict(int)
    for row in history:
        totals[row["year"]] += row["employer"] + row["individual"]
        if row["insurance_type"] == "pension":
            months[row["year"]] = row["months"]
    shown = sorted(totals)[-years:]
    if not shown:
        return {"bars": [], "height": HEIGHT, "label_y": HEIGHT - 4}
    top = max(totals[y] for y in shown) or Decimal(1)
    width = 100 / len(shown)
    bars = []
    for i, year in enumerate(shown):
        h = float(totals[year] / top) * (HEIGHT - LABEL - 6)
        bars.append({"x": round(i * width + width * GAP / 2, 3), "w": round(width * (1 - GAP), 3),
                     "y": round(HEIGHT - LABEL - h, 1), "h": round(h, 1), "year": year, "amount": totals[year],
                     "months": months.get(year, 0), "label_x": round(i * width + width / 2, 3),
                     "minor": (len(shown) - 1 - i) % PHONE_EVERY != 0})  # the latest year is always labelled
    return {"bars": bars, "height": HEIGHT, "label_y": HEIGHT - 4}
