"""Mirror the registry into ServiceType rows: code-owned fields and the names of services and their materials
always, the bureau's fields (limit, materials asked for, policy) only when new."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import translation

from workflow.models import EscalationPolicy, PointService, ServiceMaterial, ServiceType
from workflow.registry import registry
from workflow.selectors.points import point_service_codes_forget

# The escalation policy new services get, named in the record language of the bureau.
STANDARD_POLICY = "标准督办规则"


def _names(value) -> tuple[str, str]:
    with translation.override("zh-hans"):
        zh = str(value)
    with translation.override("en"):
        en = str(value)
    return zh, en


def _renamed(row, zh: str, en: str) -> list[str]:
    """Give a row the registry's names; return the fields changed. A Chinese name equal to the English one means
    the Chinese catalogue was not compiled yet (`migrate` before `compile_translations`): it never replaces a
    name already there, and the next sync with the catalogue writes the Chinese name."""
    changed = []
    if row.name_zh != zh and (zh != en or not row.name_zh):
        row.name_zh = zh
        changed.append("name_zh")
    if row.name_en != en:
        row.name_en = en
        changed.append("name_en")
    return changed


def _materials_sync(service: ServiceType, spec, rows: dict[str, ServiceMaterial], *,
                    new: bool) -> list[ServiceMaterial]:
    """Create a new service's materials; rename the materials an existing service has from the registry (which
    ones it asks for, in which order and whether required stay the bureau's to edit). Returns the renamed rows."""
    renamed = []
    for order, material in enumerate(spec.materials):
        zh, en = _names(material.name)
        row = rows.get(material.code)
        if new:
            ServiceMaterial.objects.create(service=service, code=material.code, name_zh=zh, name_en=en,
                                           required=material.required, order=order)
        elif row is not None and _renamed(row, zh, en):
            renamed.append(row)
    return renamed


@transaction.atomic
def service_types_sync(**_kwargs) -> int:
    """Create or refresh a ServiceType for every registered service (idempotent; run after migrate)."""
    policy, _ = EscalationPolicy.objects.get_or_create(name=STANDARD_POLICY)
    existing = {s.code: s for s in ServiceType.objects.all()}
    materials: dict[int, dict[str, ServiceMaterial]] = {}
    for row in ServiceMaterial.objects.all():
        materials.setdefault(row.service_id, {})[row.code] = row
    renamed = []
    points = _point_table_exists()
    for spec in registry.all():
        service = existing.get(spec.code)
        if service is None:
            service = _service_create(spec, policy)
            if points:
                point_services_default(service=service)
        else:
            _service_refresh(service, spec)
        renamed += _materials_sync(service, spec, materials.get(service.pk, {}), new=spec.code not in existing)
    ServiceMaterial.objects.bulk_update(renamed, ["name_zh", "name_en"])
    ServiceType.objects.exclude(code__in=[s.code for s in registry.all()]).filter(in_registry=True).update(
        in_registry=False)
    transaction.on_commit(point_service_codes_forget)
    return len(registry.all())


def _point_table_exists() -> bool:
    """False while migrating back to before the table (a sync runs after every `migrate`)."""
    return PointService._meta.db_table in connection.introspection.table_names()


def point_services_default(*, service: ServiceType) -> int:
    """Let the service points of the levels its domain app proposes accept a service (a new one, or every
    service once when the table is created); only services a counter can start. Returns the rows added."""
    if "counter" not in service.channels:
        return 0
    rows = [PointService(level=level, service=service) for level in sorted(registry.default_point_levels(service.code))]
    return len(PointService.objects.bulk_create(rows, ignore_conflicts=True))


def _code_owned(spec) -> dict:
    return {"domain": spec.domain, "kind": spec.kind, "applicant": spec.applicant,
            "channels": sorted(spec.channels), "in_registry": True}


def _service_create(spec, policy: EscalationPolicy) -> ServiceType:
    zh, en = _names(spec.name)
    return ServiceType.objects.create(code=spec.code, name_zh=zh, name_en=en, limit=spec.limit,
                                      limit_unit=spec.limit_unit, escalation_policy=policy, **_code_owned(spec))


def _service_refresh(service: ServiceType, spec) -> None:
    """The code-owned fields and names always; the limit only when the kind of service changed."""
    changed = _renamed(service, *_names(spec.name))
    for field, value in _code_owned(spec).items():
        if getattr(service, field) != value:
            setattr(service, field, value)
            changed.append(field)
    if spec.is_immediate and service.limit is not None:
        service.limit = None
        changed.append("limit")
    if not spec.is_immediate and service.limit is None:
        service.limit, service.limit_unit = spec.limit, spec.limit_unit
        changed += ["limit", "limit_unit"]
    if changed:
        service.save(update_fields=sorted(set(changed)))
