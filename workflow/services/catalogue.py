"""Mirror the registry into ServiceType rows: code-owned fields always, the bureau's fields only when new."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from workflow.models import EscalationPolicy, ServiceMaterial, ServiceType
from workflow.registry import registry

STANDARD_POLICY = "standard"


def _names(value) -> tuple[str, str]:
    with translation.override("zh-hans"):
        zh = str(value)
    with translation.override("en"):
        en = str(value)
    return zh, en


@transaction.atomic
def service_types_sync(**_kwargs) -> int:
    """Create or refresh a ServiceType for every registered service (idempotent; run after migrate)."""
    policy, _ = EscalationPolicy.objects.get_or_create(name=STANDARD_POLICY)
    existing = {s.code: s for s in ServiceType.objects.all()}
    for spec in registry.all():
        name_zh, name_en = _names(spec.name)
        code_owned = {
            "name_zh": name_zh, "name_en": name_en, "domain": spec.domain, "kind": spec.kind,
            "applicant": spec.applicant, "channels": sorted(spec.channels), "in_registry": True,
        }
        service = existing.get(spec.code)
        if service is None:
            service = ServiceType.objects.create(code=spec.code, limit=spec.limit, limit_unit=spec.limit_unit,
                                                 escalation_policy=policy, **code_owned)
            for order, material in enumerate(spec.materials):
                m_zh, m_en = _names(material.name)
                ServiceMaterial.objects.create(service=service, code=material.code, name_zh=m_zh, name_en=m_en,
                                               required=material.required, order=order)
            continue
        changed = [field for field, value in code_owned.items() if getattr(service, field) != value]
        if spec.is_immediate and service.limit is not None:
            service.limit = None
            changed.append("limit")
        if not spec.is_immediate and service.limit is None:
            service.limit, service.limit_unit = spec.limit, spec.limit_unit
            changed += ["limit", "limit_unit"]
        if changed:
            for field in changed:
                if field in code_owned:
                    setattr(service, field, code_owned[field])
            service.save(update_fields=sorted(set(changed)))
    ServiceType.objects.exclude(code__in=[s.code for s in registry.all()]).filter(in_registry=True).update(
        in_registry=False)
    return len(registry.all())
