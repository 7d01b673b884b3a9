"""The catalogue as each channel offers it: registered services joined to their editable ServiceType rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workflow.models import ServiceType
from workflow.registry import LimitUnit, ServiceSpec, registry


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


def catalogue_specs(*, channel: str, applicants: Iterable[str]) -> dict[str, ServiceSpec]:
    """Registered services a channel may start for these kinds of applicant (no query)."""
    wanted = set(applicants)
    return {s.code: s for s in registry.for_channel(channel) if s.applicant in wanted}


def catalogue_entries(specs: dict[str, ServiceSpec], services: Iterable[ServiceType]) -> list[CatalogueEntry]:
    """The offered services among `specs`, the most used first (then the registry's popularity, then code)."""
    entries = [CatalogueEntry(specs[s.code], s) for s in services if s.code in specs and s.is_active]
    entries.sort(key=lambda e: (-e.service.use_count, -e.spec.popularity, e.code))
    return entries


def catalogue(*, channel: str, applicants: Iterable[str]) -> list[CatalogueEntry]:
    """Every service a channel offers these applicants, the most used first (1 query)."""
    specs = catalogue_specs(channel=channel, applicants=applicants)
    return catalogue_entries(specs, ServiceType.objects.filter(code__in=list(specs), is_active=True))


def catalogue_entry(*, channel: str, applicants: Iterable[str], code: str) -> CatalogueEntry | None:
    """One offered service with its materials (2 queries), or None when the channel does not offer it."""
    spec = catalogue_specs(channel=channel, applicants=applicants).get(code)
    if spec is None:
        return None
    service = ServiceType.objects.prefetch_related("materials").filter(code=code, is_active=True).first()
    return CatalogueEntry(spec, service) if service is not None else None
