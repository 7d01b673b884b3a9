"""Every insurance business registered in the workflow and run end to end through case_accept: immediate
business completes on the spot; time-limited business is routed, approved, and its effect happens once."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from freezegun import freeze_time

from insurance.models import (
    Card,
    CarriedOverRecord,
    Contribution,
    Enrolment,
    InjuryDecision,
    InjuryReport,
    Pension,
    Reimbursement,
)
from insurance.services import card_batch_create, card_batch_deliver, card_issue, payment_confirm
from tests.factories import PersonFactory, region
from tests.insurance.conftest import enrol
from tests.insurance.helpers import apply, approve, reject
from workflow.exceptions import NotEligible
from workflow.models import OutboundMessage, ServiceType
from workflow.registry import Kind, LimitUnit, registry
from workflow.rules.calendar import SHANGHAI
from workflow.rules.states import Status

pytestmark = pytest.mark.django_db

IMMEDIATE = {"insurance.enrol", "insurance.enrol_flexible", "insurance.enrol_end", "insurance.enrol_suspend",
             "insurance.card_apply", "insurance.card_apply_batch", "insurance.card_report_lost",
             "insurance.card_replace", "insurance.card_activate", "insurance.injury_report",
             "insurance.proof_of_life", "insurance.death_notice", "insurance.statement"}
TIME_LIMITED = {"insurance.back_payment": 10, "insurance.declaration_correct": 5, "insurance.retirement": 20,
                "insurance.retiree_medical": 5,
                "insurance.reimbursement": 20, "insurance.injury_recognition": 60, "insurance.death_review": 5}


def test_every_business_is_in_the_registry_and_the_catalogue():
    codes = {s.code for s in registry.all() if s.domain == "insurance"}
    assert codes == IMMEDIATE | set(TIME_LIMITED)
    for code, limit in TIME_LIMITED.items():
        assert (registry.get(code).kind, registry.get(code).limit) == (Kind.TIME_LIMITED, limit)
    assert registry.get("insurance.injury_recognition").limit_unit == LimitUnit.CALENDAR_DAYS
    assert set(ServiceType.objects.filter(domain="insurance").values_list("code", flat=True)) == codes
    assert ServiceType.objects.get(code="insurance.retirement").name_zh == "退休审批"


def test_an_employer_enrols_an_employee_on_the_spot(users, employer):
    person = PersonFactory()
    case = apply("insurance.enrol", actor=users["clerk"], person=person, employer=employer,
                 types=["pension", "medical", "unemployment", "work_injury"], started_on="2026-03")
    assert case.status == Status.COMPLETED
    enrolments = Enrolment.objects.filter(person=person, status="active")
    assert enrolments.count() == 4 and {e.employer_id for e in enrolments} == {employer.pk}
    with pytest.raises(NotEligible) as exc:  # another employer must wait until this one ends it
        apply("insurance.enrol", actor=users["clerk"], person=person,
              employer=__import__("tests.factories", fromlist=["EmployerFactory"]).EmployerFactory(),
              types=["pension"], started_on="2026-03")
    assert [c.code for c in exc.value.errors] == ["insured_elsewhere"]
    apply("insurance.enrol_end", actor=users["clerk"], person=person, employer=employer, ended_on="2026-06-30",
          reason="left")
    assert not Enrolment.objects.filter(person=person).exclude(status="ended").exists()


def test_a_flexible_individual_enrols_online_suspends_and_ends(users, system):
    resident = users["resident"]
    person = resident.person
    Enrolment.objects.filter(person=person).delete()
    Pension.objects.filter(person=person).delete()
    case = apply("insurance.enrol_flexible", actor=resident, channel="online", person=person,
                 types=["pension", "medical"], started_on="2026-01", base_ratio="0.80")
    assert case.status == Status.COMPLETED
    assert set(Enrolment.objects.filter(person=person, status="active").values_list("base_ratio", flat=True)) == {
        D("0.80")}
    apply("insurance.enrol_suspend", actor=resident, channel="online", person=person, action="suspend",
          on="2026-04-01")
    assert set(Enrolment.objects.filter(person=person).values_list("status", flat=True)) == {"suspended"}
    apply("insurance.enrol_suspend", actor=resident, channel="online", person=person, action="end", on="2026-05-01")
    assert set(Enrolment.objects.filter(person=person).values_list("status", flat=True)) == {"ended"}


def test_card_application_lifecycle_and_activation_sms(users, system):
    person = PersonFactory(phone="13912345678")
    case = apply("insurance.card_apply", actor=users["clerk"], person=person, hall="HALL-370523")
    card = Card.objects.get(person=person)
    assert case.result["card"] == card.number and card.status == Card.Status.APPLIED
    with pytest.raises(NotEligible):
        apply("insurance.card_apply", actor=users["clerk"], person=person, hall="")
    batch = card_batch_create(actor=users["clerk"], hall=users["clerk"].office)
    card_batch_deliver(batch=batch, actor=users["clerk"], hall=users["clerk"].office)
    card.refresh_from_db()
    assert card.status == Card.Status.READY and card.hall.code == "HALL-370523"
    assert OutboundMessage.objects.filter(key=f"insurance:card-ready:{card.pk}", phone="13912345678").exists()
    card_issue(card=card, actor=users["clerk"])
    apply("insurance.card_activate", actor=users["clerk"], person=person)
    card.refresh_from_db()
    assert card.status == Card.Status.ACTIVE
    assert "社保卡激活" in OutboundMessage.objects.get(key=f"insurance:card-active:{card.pk}").body
    apply("insurance.card_report_lost", actor=users["clerk"], person=person)
    replaced = apply("insurance.card_replace", actor=users["clerk"], person=person, hall="HALL-370523")
    card.refresh_from_db()
    assert card.status == Card.Status.REPLACED and card.replaced_by.number == replaced.result["card"]
    assert [h.status for h in card.history.order_by("history_date")] == [
        "applied", "in_production", "ready", "issued", "active", "lost", "replaced"]


def test_an_employer_applies_for_cards_for_its_staff(users, employer):
    staff = [PersonFactory() for _ in range(3)]
    for person in staff[:2]:
        enrol(person, employer)
    numbers = "\n".join(p.id_number for p in staff)
    with pytest.raises(NotEligible):  # the third is not its employee
        apply("insurance.card_apply_batch", actor=users["clerk"], employer=employer, id_numbers=numbers)
    case = apply("insurance.card_apply_batch", actor=users["clerk"], employer=employer,
                 id_numbers="\n".join(p.id_number for p in staff[:2]))
    assert case.result == {"applied": 2, "skipped": 0}
    assert Card.objects.filter(employer=employer, status="applied").count() == 2



def test_a_batch_takes_an_old_15_digit_number_as_declarations_do(users, employer):
    person = PersonFactory()
    enrol(person, employer)
    old = person.id_number[:6] + person.id_number[8:17]  # the first-generation form of a 19xx birth
    case = apply("insurance.card_apply_batch", actor=users["clerk"], employer=employer, id_numbers=old)
    assert case.result == {"applied": 1, "skipped": 0}
    assert Card.objects.get(employer=employer).person == person


def _retiree(system):
    person = PersonFactory(birth=date(1966, 1, 15), sex_code="M", phone="13700000001")
    CarriedOverRecord.objects.create(person=person, through_month=date(2023, 12, 1), pension_months=300,
                                     average_index=D("1.0000"), account_balance=D("100000"))
    return person


@freeze_time(datetime(2026, 3, 2, 10, tzinfo=SHANGHAI))
def test_retirement_is_routed_then_approved_once_making_a_pensioner_and_sending_the_sms(users, system):
    person = _retiree(system)
    # A man born 1966-01 retires at 60 years 4 months: 2026-05-15.
    case = apply("insurance.retirement", actor=users["clerk"], person=person, retirement_date="2026-05-15")
    assert case.status == Status.ROUTED and case.jurisdiction_office.code == "BACK-370503"
    checks = {c["code"]: c for c in case.checks}
    assert checks["age"]["data"]["statutory"] == "2026-05-15" and checks["minimum"]["data"]["months"] == 300
    approve(case, users["reviewer"])
    pension = Pension.objects.get(person=person)
    # (7,831 + 7,831 x 1.0) / 2 x 25 years x 1% = 1,957.75; 100,000 / (139 - 7 x 4 / 12 = 136.7) = 731.53
    assert (pension.basic_amount, pension.divisor, pension.account_amount) == (D("1957.75"), D("136.7"),
                                                                               D("731.53"))
    assert pension.starts_month == date(2026, 6, 1) and pension.notes  # the 2025 base, provisionally
    sms = OutboundMessage.objects.get(key=f"insurance:retired:{pension.pk}")
    assert "退休审批已通过" in sms.body and sms.phone == "13700000001"
    with pytest.raises(Exception):  # noqa: B017 - a completed case cannot be approved again
        approve(case, users["reviewer"])
    assert Pension.objects.filter(person=person).count() == 1


@freeze_time(datetime(2026, 3, 2, 10, tzinfo=SHANGHAI))
def test_retirement_before_the_flexible_window_is_refused(users, system):
    with pytest.raises(NotEligible) as exc:
        apply("insurance.retirement", actor=users["clerk"], person=_retiree(system), retirement_date="2025-12-31")
    assert [c.code for c in exc.value.errors] == ["age"]


@freeze_time(datetime(2026, 3, 2, 10, tzinfo=SHANGHAI))
def test_hospitalisation_is_reimbursed_by_the_policy_table_with_an_sms(users, system, employer):
    person = PersonFactory(phone="13600000002")
    enrol(person, employer, start=date(2025, 1, 1))
    case = apply("insurance.reimbursement", actor=users["clerk"], person=person, hospital="东营市人民医院",
                 hospital_level="3", admitted_on="2026-02-01", discharged_on="2026-02-10", total_cost="30000",
                 eligible_cost="25000")
    assert case.status == Status.ROUTED
    approve(case, users["reviewer"])
    record = Reimbursement.objects.get(case=case)
    assert record.amount == D("19200.00")  # (25,000 - 1,000) x 80%
    assert "19200.00" in OutboundMessage.objects.get(key=f"insurance:reimbursed:{case.pk}").body


def test_reimbursement_needs_medical_insurance_on_admission(users):
    with pytest.raises(NotEligible) as exc:
        apply("insurance.reimbursement", actor=users["clerk"], person=PersonFactory(), hospital="医院",
              hospital_level="1", admitted_on="2026-02-01", discharged_on="2026-02-03", total_cost="900",
              eligible_cost="800")
    assert [c.code for c in exc.value.errors] == ["insured"]


def test_a_late_quick_report_is_registered_on_the_spot_and_flagged(users, employer):
    person = PersonFactory()
    enrol(person, employer)
    accident = datetime.now(SHANGHAI) - timedelta(hours=30)
    case = apply("insurance.injury_report", actor=users["clerk"], person=person, employer=employer,
                 accident_at=accident.strftime("%Y-%m-%dT%H:%M"), place="车间", description="手部割伤")
    assert case.status == Status.COMPLETED
    report = InjuryReport.objects.get(case=case)
    assert report.late and report.reported_at == case.accepted_at
    assert {c["code"]: c["passed"] for c in case.checks}["within_24h"] is False


@pytest.mark.parametrize("outcome", ["recognised", "not_recognised"])
def test_the_recognition_decision_takes_60_calendar_days_and_goes_to_both_sides(users, employer, outcome):
    person = PersonFactory(phone="13500000003")
    enrol(person, employer)
    with freeze_time(datetime(2026, 1, 10, 10, tzinfo=SHANGHAI)):
        case = apply("insurance.injury_recognition", actor=users["clerk"], person=person, employer=employer,
                     accident_at="2026-01-05T09:30", place="仓库", description="搬运时腰部扭伤", applied_by="employer")
    assert case.deadline == datetime(2026, 3, 11, 17, tzinfo=SHANGHAI)
    if outcome == "recognised":
        approve(case, users["reviewer"])
    else:
        reject(case, users["reviewer"], "非因工作原因受伤")
    decision = InjuryDecision.objects.get(case=case)
    assert decision.outcome == outcome
    keys = set(OutboundMessage.objects.filter(key__startswith=f"insurance:injury-decision:{case.pk}:")
               .values_list("key", "phone"))
    assert keys == {(f"insurance:injury-decision:{case.pk}:person", "13500000003"),
                    (f"insurance:injury-decision:{case.pk}:employer", "13900000001")}


@freeze_time(datetime(2026, 3, 2, 10, tzinfo=SHANGHAI))
def test_a_back_payment_is_owed_after_approval_and_paid_by_its_order(users, employer):
    person = PersonFactory()
    enrol(person, employer, start=date(2026, 1, 1))
    case = apply("insurance.back_payment", actor=users["clerk"], person=person, employer=employer,
                 first_month="2025-10", last_month="2025-12", types=["pension", "medical"], wage="3000",
                 reason="入职未及时参保")
    case = approve(case, users["reviewer"])
    owed = Contribution.objects.filter(person=person, payer="back_payment")
    assert owed.count() == 6 and set(owed.values_list("status", flat=True)) == {"owed"}
    # 2025 floor 4,504: pension 16% + 8% = 1,080.96, medical 7% + 2% = 405.36, three months.
    assert case.result["amount"] == str(D("1486.32") * 3)
    payment_confirm(order=owed.first().order, actor=users["clerk"])
    assert set(owed.values_list("status", flat=True)) == {"paid"}


def test_proof_of_life_at_a_kiosk_or_online_records_the_method(users, system):
    from insurance.rules.retirement import SCHEDULES, statutory_retirement_date
    from insurance.services import pension_grant

    resident = users["resident"]
    person = resident.person
    CarriedOverRecord.objects.update_or_create(person=person, defaults={
        "through_month": date(2019, 12, 1), "pension_months": 300, "average_index": D("1"),
        "account_balance": D("1000")})
    if not Pension.objects.filter(person=person).exists():
        retires = statutory_retirement_date(person.birth_date, SCHEDULES["female_55"])
        pension_grant(person=person, actor=system, retirement_date=retires, group="female_55")
    case = apply("insurance.proof_of_life", actor=resident, channel="kiosk", person=person)
    assert case.status == Status.COMPLETED and case.result["method"] == "sms_code"
    case = apply("insurance.proof_of_life", actor=resident, channel="online", person=person, method="home_visit")
    assert case.result["method"] == "online_account"  # the channel decides; only staff record a home visit
    assert list(Pension.objects.get(person=person).proofs.values_list("method", flat=True)) == [
        "online_account", "sms_code"]
    with pytest.raises(NotEligible):
        apply("insurance.proof_of_life", actor=users["clerk"], person=PersonFactory())


def test_a_death_notice_stops_the_pension_ends_enrolments_and_cancels_the_card(users, employer, system):
    person = PersonFactory(hukou_region=region("370503001"))
    enrol(person, employer)
    apply("insurance.card_apply", actor=users["clerk"], person=person)
    case = apply("insurance.death_notice", actor=users["clerk"], person=person, date_of_death="2026-02-01",
                 informant="家属", relationship="子女")
    assert case.status == Status.COMPLETED
    person.refresh_from_db()
    assert person.date_of_death == date(2026, 2, 1)
    assert set(Enrolment.objects.filter(person=person).values_list("status", "end_reason")) == {("ended", "died")}
    assert Card.objects.get(person=person).status == Card.Status.CANCELLED


def test_a_paid_month_is_corrected_by_a_case_whose_difference_order_replaces_the_contributions(users, employer):
    from insurance.models import Declaration, PaymentOrder
    from insurance.services import declaration_submit
    from tests.insurance.conftest import rows_for

    staff = [PersonFactory() for _ in range(2)]
    for person in staff:
        enrol(person, employer)
    month = date(2026, 3, 1)
    paid = declaration_submit(employer=employer, month=month, rows=rows_for(staff, [5000, 6000]),
                              actor=users["clerk"], channel="counter")
    payment_confirm(order=paid.orders.get(), actor=users["clerk"])
    lines = "\n".join([f"{staff[0].id_number},{staff[0].name},5000", f"{staff[1].id_number},{staff[1].name},8000"])
    with pytest.raises(NotEligible):  # an unpaid month is not corrected by a case
        apply("insurance.declaration_correct", actor=users["clerk"], employer=employer, month="2026-04",
              lines=lines, reason="工资录入错误")
    case = apply("insurance.declaration_correct", actor=users["clerk"], employer=employer, month="2026-03",
                 lines=lines, reason="工资录入错误")
    # 2,000 more base x (pension 24% + medical 9% + unemployment 1% + work injury 0.2%)
    assert {c["code"]: c["data"] for c in case.checks}["lines"]["difference"] == "684.00"
    case = approve(case, users["reviewer"])
    versions = Declaration.objects.filter(employer=employer, month=month).order_by("version")
    assert [(d.version, d.status) for d in versions] == [(1, "superseded"), (2, "declared")]
    order = PaymentOrder.objects.get(number=case.result["order"])
    assert order.kind == "correction" and order.amount == D("684.00")
    payment_confirm(order=order, actor=users["clerk"])
    bases = dict(Contribution.objects.filter(employer=employer, month=month, insurance_type="pension")
                 .values_list("person_id", "base"))
    assert bases == {staff[0].pk: D("5000.00"), staff[1].pk: D("8000.00")}
    assert Contribution.objects.filter(employer=employer, month=month).count() == 8


def test_card_batches_cost_the_same_queries_for_2_or_20_cards(users, employer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from insurance.services import card_apply_batch

    def cost(n: int) -> tuple[int, int]:
        persons = [PersonFactory() for _ in range(n)]
        with CaptureQueriesContext(connection) as applied:
            made, _skipped = card_apply_batch(employer=employer, persons=persons, actor=users["clerk"],
                                              hall=users["clerk"].office)
        assert len(made) == n and all(card.history.count() == 1 for card in made)
        with CaptureQueriesContext(connection) as produced:
            batch = card_batch_create(actor=users["clerk"], hall=users["clerk"].office)
        assert batch.cards.count() == n
        card_batch_deliver(batch=batch, actor=users["clerk"], hall=users["clerk"].office)
        return len(applied), len(produced)

    cost(1)  # the first batch also creates the counters
    assert cost(2) == cost(20)
