"""The catalogue as each channel offers it: registered services joined to their editable ServiceType rows,
and, for one person, only what that person may apply for (each service's open_to rule)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workflow.models import ServiceType
from workflow.registry import LimitUnit, ServiceSpec, registry

if TYPE_CHECKING:
    from accounts.models import Person


@dataclass(frozen=True)
class CatalogueEntry:
    spec: ServiceSpec  # what the code says: form, checks, channels
    service: ServiceType  # what the bureau edits: names, limit, materials, offered or not

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.service.name

    @property
    def limit_unit(self) -> str:
        return str(LimitUnit(self.service.limit_unit).label)


def open_to(specs: dict[str, ServiceSpec], person: Person | None) -> dict[str, ServiceSpec]:
    """The services among `specs` the person may apply for, by each service's open_to rule (the domain's: a
    pensioner draws no unemployment benefit); each distinct rule runs once. Without a person, all of them."""
    if person is None:
        return specs
    verdicts: dict[Callable, bool] = {}
    offered = {}
    for code, spec in specs.items():
        rule = spec.open_to
        if rule is not None and rule not in verdicts:
            verdicts[rule] = rule(person).passed
        if rule is None or verdicts[rule]:
            offered[code] = spec
    return offered


def catalogue_specs(*, channel: str, applicants: Iterable[str], person: Person | None = None) -> dict[str, ServiceSpec]:
    """Registered services a channel may start for these kinds of applicant, and, given a person, that this
    person may apply for (no query without a person; one per distinct open_to rule with one)."""
    wanted = set(applicants)
    return open_to({s.code: s for s in registry.for_channel(channel) if s.applicant in wanted}, person)


def catalogue_entries(specs: dict[str, ServiceSpec], services: Iterable[ServiceType]) -> list[CatalogueEntry]:
    """The offered services among `specs`, the most used first (then the registry's popularity, then code)."""
    entries = [CatalogueEntry(specs[s.code], s) for s in services if s.code in specs and s.is_active]
    entries.sort(key=lambda e: (-e.service.use_count, -e.spec.popularity, e.code))
    return entries


def catalogue(*, channel: str, applicants: Iterable[str], person: Person | None = None) -> list[CatalogueEntry]:
    """Every service a channel offers these applicants (and this person), the most used first (1 query, and the
    person's open_to rules)."""
    specs = catalogue_specs(channel=channel, applicants=applicants, person=person)
    return catalogue_entries(specs, ServiceType.objects.filter(code__in=list(specs), is_active=True))


def catalogue_entry(*, channel: str, applicants: Iterable[str], code: str,
                    person: Person | None = None) -> CatalogueEntry | None:
    """One offered service with its materials (2 queries, and the service's open_to rule for a person), or None
    when the channel does not offer it (to this person)."""
    spec = catalogue_specs(channel=channel, applicants=applicants).get(code)
    if spec is None or not open_to({code: spec}, person):
        return None
    service = ServiceType.objects.prefetch_related("materials").filter(code=code, is_active=True).first()
    return CatalogueEntry(spec, service) if service is not None else None
