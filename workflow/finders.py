"""Proactive entitlements (免申即享): the finders that domain apps register, and what a finder reports.

workflow knows no business: the rule that finds who is entitled stays in the domain app that owns it (insurance
for retirement, employment for subsidies), which registers a finder here from its AppConfig.ready(). The daily run
(workflow.services.proactive.proactive_run) calls every finder and opens the offers and their cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One entitlement found: whose, for which service, the facts it rests on, and in words what and why.

    `fingerprint` names the facts (e.g. the statutory retirement date): the same person is never offered the same
    service on the same facts twice, whatever they answered; new facts may be offered again. `what` and `why` are
    in the bureau's language, for the person to read (no codes). `data` is the case's application data.
    """

    service: str
    fingerprint: str
    what: str
    why: str
    person_id: int | None = None
    employer_id: int | None = None
    data: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)
    # After this day an unanswered offer lapses (its case is withdrawn); None: it waits for an answer.
    expires_on: date | None = None


@dataclass(frozen=True)
class FinderSpec:
    code: str
    label: Any  # lazily translated
    service: str
    # find(today=...) -> list of Finding, in a number of queries that does not grow with the persons on record.
    find: Callable[..., list[Finding]]


class FinderRegistry:
    def __init__(self) -> None:
        self._finders: dict[str, FinderSpec] = {}

    def register(self, spec: FinderSpec) -> FinderSpec:
        existing = self._finders.get(spec.code)
        if existing is not None and existing is not spec:
            raise ValueError(f"finder {spec.code} is registered twice")
        self._finders[spec.code] = spec
        return spec

    def unregister(self, code: str) -> None:
        """For tests that register finders of their own."""
        self._finders.pop(code, None)

    def get(self, code: str) -> FinderSpec:
        return self._finders[code]

    def all(self) -> list[FinderSpec]:
        return sorted(self._finders.values(), key=lambda f: f.code)


finders = FinderRegistry()
