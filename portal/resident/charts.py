"""The contribution history as a phone-sized chart: one horizontal bar per year, split by insurance type.

Pure geometry from insurance.selectors.contribution_history rows. The template writes the year and the amount as
text and each bar as an SVG as wide as its row, its segments placed in per cent (attributes and CSS classes only:
the CSP forbids style attributes); no viewBox, so nothing is drawn smaller than the page's text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from insurance.models import InsuranceType

BAR = 16  # px
YEARS = 15


@dataclass(frozen=True)
class Segment:
    kind: str
    label: str
    x: float  # per cent of the bar area
    w: float  # per cent of the bar area
    amount: Decimal


@dataclass(frozen=True)
class YearRow:
    year: int
    total: Decimal
    pension_months: int
    months: int  # the most months paid of any type that year
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    rows: tuple[YearRow, ...]
    types: tuple[tuple[str, str], ...]  # (code, label) of the types that appear, for the legend
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
    labels = {t: str(label) for t, label in InsuranceType.choices if t in order}  # translated once, not per bar
    top = max((sum(amounts[y].values(), Decimal(0)) for y in shown), default=Decimal(0)) or Decimal(1)
    rows = []
    for year in shown:
        x, segments = 0.0, []
        for kind in order:
            amount = amounts[year].get(kind)
            if not amount:
                continue
            w = round(float(amount / top) * 100, 2)
            segments.append(Segment(kind, labels[kind], round(x, 2), max(w, 0.2), amount))
            x += w
        rows.append(YearRow(
            year=year, total=sum(amounts[year].values(), Decimal(0)),
            pension_months=months[year].get(InsuranceType.PENSION, 0), months=max(months[year].values()),
            segments=tuple(segments)))
    return Chart(rows=tuple(rows), types=tuple((t, labels[t]) for t in order),
                 hidden_years=len(all_years) - len(shown))
