"""The registered services an employer may start online, from the workflow registry."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.models import ServiceType
from workflow.registry import Applicant, Channel, LimitUnit, ServiceSpec, registry

# Services the employer's pages compose into one form: their catalogue entry leads there.
COMPOSED = {
    "employment.registration": "employer:new-hire",
    "insurance.enrol": "employer:new-hire",
    "employment.separation": "employer:employees",
    "insurance.enrol_end": "employer:employees",
    "insurance.card_apply_batch": "employer:cards",
}


@dataclass(frozen=True)
class Entry:
    spec: ServiceSpec
    service: ServiceType

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.service.name

    @property
    def composed_url(self) -> str:
        return COMPOSED.get(self.spec.code, "")

    @property
    def limit_unit(self) -> str:
        return str(LimitUnit(self.spec.limit_unit).label)

    @property
    def for_a_person(self) -> bool:
        return self.spec.applicant == Applicant.BOTH


def employer_specs() -> dict[str, ServiceSpec]:
    """Services whose channels include online and whose applicant is an employer (alone or for a person)."""
    return {s.code: s for s in registry.for_channel(Channel.ONLINE)
            if s.applicant in (Applicant.EMPLOYER, Applicant.BOTH)}


def employer_catalogue() -> list[Entry]:
    """Active services, the most used first (one query)."""
    specs = employer_specs()
    services = ServiceType.objects.filter(code__in=list(specs), is_active=True)
    entries = [Entry(specs[s.code], s) for s in services]
    return sorted(entries, key=lambda e: (-e.spec.popularity, e.code))


def employer_entry(code: str) -> Entry | None:
    """One active service with its materials (two queries), or None."""
    spec = employer_specs().get(code)
    if spec is None:
        return None
    service = ServiceType.objects.prefetch_related("materials").filter(code=code, is_active=True).first()
    return Entry(spec, service) if service is not None else None
