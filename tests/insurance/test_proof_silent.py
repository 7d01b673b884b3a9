"""Silent certification (静默认证, issue 14): a pensioner whose presence a counted record shows is proved with the
record linked, once; the bureau chooses the kinds of record in the admin; those still due are sent the nearest
point; the overdue are suspended by the same sweep."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Office
from accounts.services import system_user
from insurance.models import Pension, ProofOfLife, Reimbursement, SilentEvidenceKind
from insurance.selectors.proof import nearest_point
from insurance.services import proof_of_life_sweep, proof_silent_certify
from tests.factories import OfficeFactory, region
from tests.insurance.proof_support import counter_case, make_pension
from workflow.models import OutboundMessage

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)


def _due(pension, last=date(2025, 6, 25)):
    """Last proved on `last`: due a year later (within the warning period of TODAY by default)."""
    Pension.objects.filter(pk=pension.pk).update(last_proof_on=last, next_proof_due=last.replace(year=last.year + 1))
    pension.refresh_from_db()
    return pension


def _aware(day: date, hour=10) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def _hospital_stay(pension, users, discharged: date, channel="online") -> Reimbursement:
    case = counter_case(pension.person, office=users["clerk"].office, actor=users["clerk"], channel=channel,
                        when=_aware(discharged + timedelta(days=3)), service="insurance.reimbursement")
    return Reimbursement.objects.create(
        case=case, person=pension.person, hospital="东营市人民医院", hospital_level=3,
        admitted_on=discharged - timedelta(days=5), discharged_on=discharged, total_cost=Decimal("8000.00"),
        eligible_cost=Decimal("7000.00"), deductible=Decimal("800.00"), ratio=Decimal("0.8500"),
        amount=Decimal("5270.00"), year=discharged.year, decided_at=_aware(discharged + timedelta(days=3)))


def test_a_reimbursed_hospital_stay_proves_once_with_the_stay_linked(users):
    pension = _due(make_pension())
    stay = _hospital_stay(pension, users, discharged=date(2026, 4, 2))
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 1
    proof = ProofOfLife.objects.get(pension=pension)
    assert (proof.method_id, proof.evidence_kind, proof.evidence_ref, proof.evidence_on) == (
        "silent", "hospital_reimbursement", f"reimbursement:{stay.case.number}", date(2026, 4, 2))
    pension.refresh_from_db()  # the proof dates from the stay, not from the day the task ran
    assert (pension.last_proof_on, pension.next_proof_due) == (date(2026, 4, 2), date(2027, 4, 2))
    # A second run (and a third, on another day) records nothing more.
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 0
    assert proof_silent_certify(actor=system_user(), today=TODAY + timedelta(days=1)) == 0
    assert ProofOfLife.objects.filter(pension=pension).count() == 1


def test_the_latest_record_proves_when_there_are_several(users):
    pension = _due(make_pension())
    _hospital_stay(pension, users, discharged=date(2026, 4, 2), channel="counter")  # claimed at a window 04-05
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 1
    proof = ProofOfLife.objects.get(pension=pension)
    assert (proof.evidence_kind, proof.evidence_on) == ("counter_visit", date(2026, 4, 5))
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 0


def test_business_done_in_person_at_a_counter_proves_but_not_an_employer_s_nor_an_older_one(users, employer,
                                                                                            client):
    pension = _due(make_pension())
    counter_case(pension.person, office=users["clerk"].office, actor=users["clerk"], when=_aware(date(2025, 5, 1)))
    counter_case(pension.person, office=users["clerk"].office, actor=users["clerk"], when=_aware(date(2026, 3, 3)),
                 employer=employer)
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 0  # before the last proof / not in person
    case = counter_case(pension.person, office=users["clerk"].office, actor=users["clerk"],
                        when=_aware(date(2026, 5, 20)))
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 1
    proof = ProofOfLife.objects.get(pension=pension)
    assert (proof.method_id, proof.evidence_kind, proof.evidence_ref) == ("silent", "counter_visit",
                                                                          f"case:{case.number}")
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 0
    client.force_login(users["reviewer"])  # the evidence is linked: the records name it with its number
    page = client.get(reverse("insurance:person-records", args=[pension.person_id])).content.decode()
    assert f"认证依据：本人到窗口办理业务，2026-05-20，编号 {case.number}" in page and "静默认证" in page


def test_nothing_is_proved_silently_when_the_bureau_counts_no_evidence_or_not_the_method(users):
    pension = _due(make_pension())
    counter_case(pension.person, office=users["clerk"].office, actor=users["clerk"], when=_aware(date(2026, 5, 20)))
    SilentEvidenceKind.objects.update(counts=False)
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 0
    SilentEvidenceKind.objects.filter(code="counter_visit").update(counts=True)
    from insurance.models import ProofMethod

    ProofMethod.objects.filter(code="silent").update(counts=False)
    assert proof_silent_certify(actor=system_user(), today=TODAY) == 0
    assert not ProofOfLife.objects.filter(pension=pension).exists()


def test_a_suspended_pensioner_seen_at_a_counter_is_paid_again(users):
    pension = _due(make_pension(), last=date(2025, 5, 1))  # due 2026-05-01: overdue on TODAY
    assert proof_of_life_sweep(actor=system_user(), today=TODAY)["suspended"] == 1
    counter_case(pension.person, office=users["clerk"].office, actor=users["clerk"], when=_aware(date(2026, 6, 9)))
    result = proof_of_life_sweep(actor=system_user(), today=TODAY + timedelta(days=1))
    assert result["silent"] == 1
    pension.refresh_from_db()
    assert pension.status == "active" and pension.last_proof_on == date(2026, 6, 9)


def test_the_sweep_proves_silently_first_and_warns_the_rest_with_the_nearest_point(users):
    proved, due = _due(make_pension(phone="13800000031")), _due(make_pension(phone="13800000032"))
    counter_case(proved.person, office=users["clerk"].office, actor=users["clerk"], when=_aware(date(2026, 5, 20)))
    result = proof_of_life_sweep(actor=system_user(), today=TODAY)
    assert result == {"silent": 1, "warned": 1, "suspended": 0}
    assert not OutboundMessage.objects.filter(key__startswith=f"insurance:proof-due:{proved.pk}:").exists()
    body = OutboundMessage.objects.get(key__startswith=f"insurance:proof-due:{due.pk}:").body
    point = nearest_point(region=due.person.residence_region)
    assert point is not None and point.name in body and "最近的现场认证地点" in body
    assert proof_of_life_sweep(actor=system_user(), today=TODAY) == {"silent": 0, "warned": 0, "suspended": 0}


def test_the_nearest_point_walks_up_from_the_community_to_the_district(demo):
    street = region("370503001")
    community = Office.objects.get(region__parent=street, kind=Office.Kind.HALL).region  # the demo's station
    station, centre = nearest_point(region=community), nearest_point(region=street)
    assert (station.kind, station.region, centre.kind, centre.region) == ("hall", community, "hall", street)
    # A hall in another district is never the nearest.
    OfficeFactory(kind=Office.Kind.HALL, region=region("370502"), name="别区大厅")
    assert nearest_point(region=community) == station
    station.is_active = False
    station.save()
    assert nearest_point(region=community) == centre
    centre.is_active = False
    centre.save()
    district_hall = nearest_point(region=community)
    assert district_hall.region.path == "370503" and district_hall.kind == "hall"
    assert nearest_point(region=None) is None


def test_the_bureau_chooses_the_evidence_in_the_admin(client, users):
    assert dict(SilentEvidenceKind.objects.values_list("code", "counts")) == {
        "hospital_reimbursement": True, "counter_visit": True, "card_collected": False}
    client.force_login(users["leader"])
    url = reverse("admin:insurance_silentevidencekind_change", args=["card_collected"])
    page = client.get(url).content.decode()
    assert "本人到大厅领取社保卡" in page
    assert client.post(url, {"counts": "on", "note": "2027年起认可"}).status_code == 302
    assert SilentEvidenceKind.objects.get(code="card_collected").counts
    assert client.get(reverse("admin:insurance_silentevidencekind_add")).status_code == 403
