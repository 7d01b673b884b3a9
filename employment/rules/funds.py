"""Which fund pays an approved payment: a rule table over the item (benefit or subsidy) and the person's
situation, the most specific rule first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ANY = "any"


@dataclass(frozen=True)
class FundRuleRow:
    item: str
    situation: str
    fund: str
    priority: int = 0


def classify(item: str, situations: Iterable[str], rules: Iterable[FundRuleRow]) -> str | None:
    """The fund of the best rule for this item whose situation applies: a named situation beats "any",
    then the higher priority wins. None when no rule applies (the payment cannot be classified)."""
    have = set(situations) | {ANY}
    candidates = [r for r in rules if r.item == item and r.situation in have]
    if not candidates:
        return None
    best = max(candidates, key=lambda r: (r.situation != ANY, r.priority))
    return best.fund
