"""The catalogue of the street and community service points: the bureau's table per level (defaults from the
domain apps, edited in the admin in Chinese, a service no counter can start refused), and the points in
supervision (the office board and the city overview)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Office, User
from tests.factories import PersonFactory, region
from tests.support.text import visible_text
from workflow.models import PointService, ServiceType
from workflow.selectors.points import office_service_codes
from workflow.services import case_accept

pytestmark = pytest.mark.django_db
COMMUNITY_DEFAULTS = {"insurance.proof_of_life", "insurance.card_apply", "insurance.card_report_lost",
                      "insurance.statement", "employment.unemployment_registration", "employment.registration",
                      "employment.flexible_registration"}


@pytest.fixture
def root(client):
    client.force_login(User.objects.create_superuser(username="root", password="Root#2026long",
                                                     kind=User.Kind.STAFF))
    return client


def test_each_level_starts_with_its_domain_apps_defaults(demo):
    community = set(PointService.objects.filter(level="community").values_list("service__code", flat=True))
    street = set(PointService.objects.filter(level="street").values_list("service__code", flat=True))
    assert community == COMMUNITY_DEFAULTS
    assert community < street and {"employment.benefit", "employment.subsidy_startup"} <= street


def test_a_service_no_counter_can_start_cannot_be_allowed(demo):
    system_only = ServiceType.objects.get(code="employment.fraud_review")
    row = PointService(level="community", service=system_only)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "service" in refused.value.message_dict
    PointService(level="community", service=ServiceType.objects.get(code="employment.difficulty")).full_clean()


def test_the_admin_edits_the_table_in_chinese_and_refuses_what_clean_refuses(root):
    page = root.get(reverse("admin:workflow_pointservice_changelist"))
    text = visible_text(page.content)
    assert page.status_code == 200 and "服务站点可受理业务" in text and "社区（村）服务站" in text
    assert "insurance.card_apply" not in text  # people read business names, not codes
    add = reverse("admin:workflow_pointservice_add")
    assert "服务站点层级" in visible_text(root.get(add).content)
    fraud = ServiceType.objects.get(code="employment.fraud_review")
    response = root.post(add, {"level": "community", "service": fraud.pk})
    assert response.status_code == 200 and "不能在窗口受理，服务站点不能受理该业务" in visible_text(response.content)
    assert not PointService.objects.filter(service=fraud).exists()
    benefit = ServiceType.objects.get(code="employment.benefit")
    assert root.post(add, {"level": "community", "service": benefit.pk}).status_code == 302
    # The desks read the change at once (the shared copy is cleared on save).
    assert "employment.benefit" in office_service_codes(Office.objects.get(code="PT-370502001001"))


def test_a_service_page_shows_and_edits_its_point_levels(root):
    service = ServiceType.objects.get(code="insurance.card_apply")
    page = visible_text(root.get(reverse("admin:workflow_servicetype_change", args=[service.pk])).content)
    assert "服务站点可受理业务" in page and "街道（乡镇）便民服务中心" in page


def test_a_new_service_gets_its_default_levels_once(demo):
    from workflow.registry import registry
    from workflow.services.catalogue import service_types_sync

    ServiceType.objects.filter(code="insurance.card_apply").delete()
    service_types_sync()
    card = ServiceType.objects.get(code="insurance.card_apply")
    assert set(card.point_levels.values_list("level", flat=True)) == {"street", "community"}
    assert registry.default_point_levels("insurance.card_apply") == {"street", "community"}
    PointService.objects.filter(service=card, level="community").delete()
    service_types_sync()  # the bureau's choice stays
    assert set(card.point_levels.values_list("level", flat=True)) == {"street"}


def _accept_at_points(test_services):
    for code in ("test.timed", "test.immediate"):
        PointService.objects.create(level="community", service=ServiceType.objects.get(code=code))
    clerk = User.objects.get(username="communityclerk")
    person = PersonFactory(hukou_region=region("370502001001"), residence_region=region("370502001001"))
    case = case_accept(service_code="test.timed", actor=clerk, channel="counter", person=person,
                       data={"amount": "1"})
    case_accept(service_code="test.immediate", actor=clerk, channel="counter", person=person)
    return case


def test_points_appear_on_the_district_board_and_the_city_overview(client, users, test_services,
                                                                  django_assert_max_num_queries):
    case = _accept_at_points(test_services)
    assert case.jurisdiction_office.code == "BACK-370502"
    client.force_login(users["head2"])  # 东营区's back office head
    response = client.get(reverse("workflow:head-board"))
    intake = {row.office.code: row for row in response.context["intake"]}
    assert set(intake) >= {"HALL-370502", "PT-370502001", "PT-370502001001"}
    assert "HALL-370503" not in intake  # another district's hall
    row = intake["PT-370502001001"]
    assert (row.accepted, row.routed, row.open, row.overdue) == (2, 1, 1, 0)
    text = visible_text(response.content)
    assert "服务大厅和服务站点受理情况（近30天）" in text and "文汇街道第一社区服务站" in text
    assert "社区（村）服务站" in text and "在办业务、已超期：在此受理、尚未办结的全部限时件，不论何时受理" in text
    client.force_login(users["leader"])
    with django_assert_max_num_queries(40):
        response = client.get(reverse("workflow:city-overview"))
    intake = {row.office.code: row for row in response.context["intake"]}
    assert {"HALL-370500", "HALL-370503", "PT-370503001", "PT-370502001001"} <= set(intake)
    assert intake["PT-370502001001"].accepted == 2
    assert "文汇街道便民服务中心" in visible_text(response.content)


def test_on_time_figures_of_a_point(users, test_services):
    from django.utils import timezone

    from workflow.models import Case
    from workflow.selectors.backoffice import intake_by_office

    case = _accept_at_points(test_services)
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(status="completed", decided_at=now, deadline=now.replace(year=now.year + 1))
    row = next(r for r in intake_by_office(region=region("370502"), now=now) if r.office.code == "PT-370502001001")
    assert (row.decided, row.on_time, row.rate, row.open) == (1, 1, 100, 0)
    assert row.is_point and not next(r for r in intake_by_office(region=region("370502"), now=now)
                                      if r.office.code == "HALL-370502").is_point
