"""The contribution history as a phone-sized SVG chart: one horizontal bar per year, split by insurance type.

Pure geometry from insurance.selectors.contribution_history rows; the template draws it with attributes and
CSS classes only (the CSP forbids style attributes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from insurance.models import InsuranceType

WIDTH = 360
LABEL_W = 44  # the year, left of the bars
AMOUNT_W = 76  # the year's total, right of the longest bar
ROW = 26
BAR = 16
YEARS = 15


@dataclass(frozen=True)
class Segment:
    kind: str
    label: str
    x: float
    w: float
    amount: Decimal


@dataclass(frozen=True)
class YearRow:
    year: int
    y: float
    text_y: float
    total: Decimal
    pension_months: int
    months: int  # the most months paid of any type that year
    segments: tuple[Segment, ...]
    total_x: float


@dataclass(frozen=True)
class Chart:
    rows: tuple[YearRow, ...]
    types: tuple[tuple[str, str], ...]  # (code, label) of the types that appear, for the legend
    width: int
    height: int
    hidden_years: int  # older years not drawn
    bar: int = BAR

    @property
    def total(self) -> Decimal:
        return sum((r.total for r in self.rows), Decimal(0))


def history_chart(history: list[dict], *, years: int = YEARS) -> Chart:
    """The last `years` years with contributions, newest first, each bar as long as its year's total."""
    amounts: dict[int, dict[str, Decimal]] = defaultdict(dict)
    months: dict[int, dict[str, int]] = defaultdict(dict)
    for row in history:
        amounts[row["year"]][row["insurance_type"]] = row["employer"] + row["individual"]
        months[row["year"]][row["insurance_type"]] = row["months"]
    all_years = sorted(amounts, reverse=True)
    shown = all_years[:years]
    order = [t for t in InsuranceType.values if any(t in amounts[y] for y in shown)]
    labels = dict(InsuranceType.choices)
    top = max((sum(amounts[y].values(), Decimal(0)) for y in shown), default=Decimal(0)) or Decimal(1)
    span = WIDTH - LABEL_W - AMOUNT_W
    rows = []
    for i, year in enumerate(shown):
        x, segments = float(LABEL_W), []
        for kind in order:
            amount = amounts[year].get(kind)
            if not amount:
                continue
            w = round(float(amount / top) * span, 1)
            segments.append(Segment(kind, str(labels[kind]), round(x, 1), max(w, 0.5), amount))
            x += w
        y = i * ROW + (ROW - BAR) / 2
        rows.append(YearRow(
            year=year, y=y, text_y=y + BAR - 3, total=sum(amounts[year].values(), Decimal(0)),
            pension_months=months[year].get(InsuranceType.PENSION, 0), months=max(months[year].values()),
            segments=tuple(segments), total_x=round(x + 4, 1)))
    return Chart(rows=tuple(rows), types=tuple((t, str(labels[t])) for t in order), width=WIDTH,
                 height=max(len(rows), 1) * ROW, hidden_years=len(all_years) - len(shown))
