"""Staff cards in batches, the work-injury quick report and recognition application started online, the
employer's own cases (stage, countdown, timeline, withdrawal) and its notices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from insurance.models import Card, InjuryReport
from tests.employer_online.helpers import hire, this_month
from workflow.models import Case

pytestmark = pytest.mark.django_db


def _injury(person, hours_ago: int = 3, **extra):
    at = timezone.localtime() - timedelta(hours=hours_ago)
    return {"p-id_number": person.id_number, "f-accident_at": at.strftime("%Y-%m-%dT%H:%M"), "f-place": "二车间",
            "f-description": "搬运时砸伤左脚", **extra}


def test_cards_are_applied_for_in_one_batch_and_holders_are_skipped(firm, client):
    staff = [hire(firm["admin"]).person for _ in range(3)]
    client.force_login(firm["staff"])
    page = client.get(reverse("employer:cards"))
    assert page.context["without_count"] == 3
    response = client.post(reverse("employer:cards-apply"), {"persons": [staff[0].pk, staff[1].pk], "hall": ""})
    case = Case.objects.get(employer=firm["employer"], service__code="insurance.card_apply_batch")
    assert response["Location"] == reverse("employer:case", kwargs={"number": case.number})
    assert case.result == {"applied": 2, "skipped": 0}
    assert set(Card.objects.filter(employer=firm["employer"]).values_list("person_id", flat=True)) == \
        {staff[0].pk, staff[1].pk}
    client.post(reverse("employer:cards-apply"), {"everyone": "on", "hall": "HALL-370503"})
    card = Card.objects.get(person=staff[2])
    assert (card.status, card.hall.code) == ("applied", "HALL-370503")
    assert client.get(reverse("employer:cards")).context["without_count"] == 0


def test_the_injury_quick_report_is_checked_then_registered_at_once(firm, client):
    worker = hire(firm["admin"]).person
    client.force_login(firm["staff"])
    url = reverse("employer:service", kwargs={"code": "insurance.injury_report"})
    checked = client.post(url, {**_injury(worker, hours_ago=30), "action": "check"})
    codes = {c.code: c for c in checked.context["checks"]}
    assert codes["within_24h"].is_prompt  # late: flagged, not refused
    assert not Case.objects.filter(employer=firm["employer"], service__code="insurance.injury_report").exists()
    response = client.post(url, {**_injury(worker, hours_ago=30), "action": "submit"})
    case = Case.objects.get(employer=firm["employer"], service__code="insurance.injury_report")
    assert response["Location"] == reverse("employer:case", kwargs={"number": case.number})
    report = InjuryReport.objects.get(case=case)
    assert (report.person, report.late, case.status, case.channel) == (worker, True, "completed", "online")


def test_an_invalid_application_form_changes_nothing(firm, client):
    worker = hire(firm["admin"]).person
    client.force_login(firm["staff"])
    url = reverse("employer:service", kwargs={"code": "insurance.injury_report"})
    response = client.post(url, {**_injury(worker), "f-place": "", "action": "submit"})
    assert response.status_code == 200 and response.context["service_form"].errors["place"]
    assert not Case.objects.filter(employer=firm["employer"], service__code="insurance.injury_report").exists()


def test_the_recognition_application_goes_to_the_back_office_and_shows_its_countdown(firm, client):
    worker = hire(firm["admin"]).person
    client.force_login(firm["admin"])
    url = reverse("employer:service", kwargs={"code": "insurance.injury_recognition"})
    client.post(url, {**_injury(worker, hours_ago=48), "f-applied_by": "employer", "action": "submit"})
    case = Case.objects.get(employer=firm["employer"], service__code="insurance.injury_recognition")
    assert (case.status, case.jurisdiction_office.code) == ("routed", "BACK-370503")
    page = client.get(reverse("employer:case", kwargs={"number": case.number}))
    assert page.context["tracked"].countdown.state == "running"
    assert "countdown" in page.content.decode()
    listing = client.get(reverse("employer:cases"))
    assert case in [row.case for row in listing.context["rows"]]


def test_an_open_case_is_withdrawn_by_the_employer(firm, client):
    worker = hire(firm["admin"]).person
    client.force_login(firm["admin"])
    client.post(reverse("employer:service", kwargs={"code": "insurance.injury_recognition"}),
                {**_injury(worker), "f-applied_by": "employer", "action": "submit"})
    case = Case.objects.get(service__code="insurance.injury_recognition", employer=firm["employer"])
    client.post(reverse("employer:case-withdraw", kwargs={"number": case.number}), {"note": "误报"})
    case.refresh_from_db()
    assert case.status == "withdrawn"


def test_notices_show_material_asked_for_and_the_month_to_declare(firm, client, users):
    from workflow.services import case_claim, case_request_supplement

    worker = hire(firm["admin"]).person
    client.force_login(firm["admin"])
    client.post(reverse("employer:service", kwargs={"code": "insurance.injury_recognition"}),
                {**_injury(worker), "f-applied_by": "employer", "action": "submit"})
    case = Case.objects.get(service__code="insurance.injury_recognition", employer=firm["employer"])
    case_claim(case=case, actor=users["reviewer"])
    case_request_supplement(case=case, actor=users["reviewer"], materials=["diagnosis"])
    notices = client.get(reverse("employer:notices")).context["notices"]
    urls = [n.url for n in notices]
    assert reverse("employer:case", kwargs={"number": case.number}) in urls
    assert reverse("employer:declaration-form") + f"?month={this_month():%Y-%m}" in urls
    assert notices[0].level == "danger"  # the most urgent first
    home = client.get(reverse("portal:employer-home"))
    assert home.context["notices"] and home.context["open_count"] == 1


def test_notices_count_and_sum_overdue_and_soon_due_payment_orders(firm, client):
    from decimal import Decimal

    from insurance.models import PaymentOrder
    from insurance.services.payments import order_issue

    today = timezone.localdate()
    for amount, due in ((Decimal("100.00"), today - timedelta(days=3)), (Decimal("50.50"), today - timedelta(days=1)),
                        (Decimal("70.00"), today + timedelta(days=2)), (Decimal("9.00"), today + timedelta(days=30))):
        order = order_issue(kind=PaymentOrder.Kind.BACK_PAYMENT, amount=amount, employer=firm["employer"])
        PaymentOrder.objects.filter(pk=order.pk).update(due_on=due)
    client.force_login(firm["admin"])
    notices = {n.level: n for n in client.get(reverse("employer:notices")).context["notices"]
               if n.url == reverse("employer:declarations")}
    assert notices["danger"].title == "2 张缴费单已超过缴费期限" and "150.50" in notices["danger"].detail
    assert notices["warn"].title == "1 张缴费单将在一周内到期" and "70.00" in notices["warn"].detail
