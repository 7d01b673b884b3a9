"""The catalogue sync owns the names of services and their materials: it corrects them on every run."""

import pytest
from django.utils import translation

from workflow.models import ServiceMaterial, ServiceType
from workflow.services import catalogue
from workflow.services.catalogue import service_types_sync

pytestmark = pytest.mark.django_db


def _stored_in_english():
    """What `migrate` before `compile_translations` leaves behind: English in the Chinese columns."""
    service = ServiceType.objects.get(code="insurance.retirement")
    material = service.materials.get(code="id_card")
    ServiceType.objects.filter(pk=service.pk).update(name_zh="Retirement approval")
    ServiceMaterial.objects.filter(pk=material.pk).update(name_zh="Identity card", required=False, order=9)
    return service, material


def test_a_sync_under_chinese_corrects_names_stored_in_english():
    service, material = _stored_in_english()
    service_types_sync()
    service.refresh_from_db()
    material.refresh_from_db()
    assert service.name_zh == "退休审批"
    assert material.name_zh == "居民身份证" and material.name_en == "Identity card"
    # What the bureau edits stays as the bureau left it.
    assert material.required is False and material.order == 9


def test_a_sync_without_the_chinese_catalogue_keeps_the_chinese_names(monkeypatch):
    """A sync that finds no Chinese (the catalogue not compiled yet) never writes English over Chinese."""
    def english_only(value):
        with translation.override("en"):
            return str(value), str(value)

    monkeypatch.setattr(catalogue, "_names", english_only)
    service_types_sync()
    service = ServiceType.objects.get(code="insurance.retirement")
    assert service.name_zh == "退休审批"
    assert service.materials.get(code="id_card").name_zh == "居民身份证"
