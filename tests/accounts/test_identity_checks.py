"""The police check of a new person (人口信息核验): verified at creation, unverified while the service is down and
verified later by the beat task, a name mismatch refused at the counter, a death the police report recorded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.identity import identity_recheck_due
from accounts.models import IdentityCheck, Person
from accounts.services import person_create
from tests.exchange_fakes import free_port
from tests.factories import id_number_for, region

pytestmark = pytest.mark.django_db

MISMATCH_NUMBER, DECEASED_NUMBER = "370502196003150022", "370503195508080033"  # the fake register's demo rows


def _create(users, n: int, name: str = "赵六"):
    return person_create(actor=users["clerk"], id_number=id_number_for(n), name=name, hukou_region=region("370503001"))


def test_a_new_person_is_created_verified(users, fakes):
    person = _create(users, 501)
    check = person.identity_check
    assert (check.status, check.source, check.next_check_at) == ("verified", "fake", None)
    assert check.checked_at is not None


def test_service_down_creates_unverified_then_the_beat_task_verifies(users, fakes):
    population, _tax = fakes
    population.down = True
    person = _create(users, 502)
    check = IdentityCheck.objects.get(person=person)
    assert check.status == "unverified" and check.source == "" and check.next_check_at is not None
    # Still down: the task asks, keeps the person unverified, and waits longer before the next attempt.
    later = check.next_check_at + timedelta(seconds=1)
    assert identity_recheck_due(now=later).unanswered == 1
    check.refresh_from_db()
    assert check.status == "unverified" and check.attempts == 2 and check.next_check_at > later
    population.down = False
    assert identity_recheck_due(now=check.next_check_at).verified == 1
    check.refresh_from_db()
    assert (check.status, check.source, check.next_check_at) == ("verified", "fake", None)
    # Nothing is due any more.
    assert identity_recheck_due(now=timezone.now() + timedelta(days=30)).verified == 0


def test_a_death_the_police_report_on_a_recheck_is_recorded_as_a_report(users, fakes):
    population, _tax = fakes
    population.down = True
    person = person_create(actor=users["clerk"], id_number=DECEASED_NUMBER, name="刘建国",
                           hukou_region=region("370503001"))
    population.down = False
    result = identity_recheck_due(now=timezone.now() + timedelta(hours=1))
    assert result.deceased == 1
    person.refresh_from_db()
    assert person.identity_check.status == "deceased"
    # A report for the district to verify (insurance.death_review), not yet a recorded death.
    assert person.death_reported_on == date(2024, 11, 2) and person.date_of_death is None


def test_a_mismatch_or_a_death_refuses_a_new_person(users, fakes):
    with pytest.raises(Exception) as exc:
        person_create(actor=users["clerk"], id_number=MISMATCH_NUMBER, name="张三", hukou_region=region("370502001"))
    assert exc.value.code == "name_mismatch"
    with pytest.raises(Exception) as exc:
        person_create(actor=users["clerk"], id_number=DECEASED_NUMBER, name="刘建国",
                      hukou_region=region("370503001"))
    assert exc.value.code == "deceased"
    assert not Person.objects.filter(id_number__in=[MISMATCH_NUMBER, DECEASED_NUMBER]).exists()


def test_the_counter_refuses_a_name_mismatch_with_a_clear_message(client, users, fakes):
    client.force_login(users["clerk"])
    response = client.post(reverse("counter:person-register"), {"id_number": MISMATCH_NUMBER, "name": "张三"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "公安人口信息库中该身份号码登记的姓名与所填姓名不符" in page
    assert not Person.objects.filter(id_number=MISMATCH_NUMBER).exists()
    # The right name registers the person, verified, and opens their picture at the desk.
    response = client.post(reverse("counter:person-register"), {"id_number": MISMATCH_NUMBER, "name": "王秀英"})
    person = Person.objects.get(id_number=MISMATCH_NUMBER)
    assert response["Location"] == reverse("counter:desk-subject", args=["person", person.pk])
    assert "已核验" in client.get(response["Location"]).content.decode()


def test_the_counter_registers_unverified_when_the_police_do_not_answer(client, users, fakes):
    fakes[0].down = True
    client.force_login(users["clerk"])
    response = client.post(reverse("counter:person-register"), {"id_number": id_number_for(503), "name": "孙七"},
                           follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "未核验" in page and "自动重新核验" in page


def test_over_http_verified_then_down_then_verified_by_the_task(users, fake_server, settings):
    settings.POLICE_PROVIDER, settings.POLICE_URL, settings.POLICE_TOKEN = "http", fake_server + "/population", \
        "test-token"
    assert _create(users, 504).identity_check.source == "police"
    with pytest.raises(Exception) as exc:
        person_create(actor=users["clerk"], id_number=MISMATCH_NUMBER, name="张三", hukou_region=region("370502001"))
    assert exc.value.code == "name_mismatch"
    # Nothing listens there: the connection is refused, retried at once, and the person created unverified.
    settings.POLICE_URL = f"http://127.0.0.1:{free_port()}/population"
    person = _create(users, 505)
    assert person.identity_check.status == "unverified"
    settings.POLICE_URL = fake_server + "/population"
    assert identity_recheck_due(now=timezone.now() + timedelta(hours=1)).verified == 1
    assert IdentityCheck.objects.get(person=person).status == "verified"


def test_a_wrong_token_is_an_outage_not_a_verdict(users, fake_server, settings):
    settings.POLICE_PROVIDER, settings.POLICE_URL, settings.POLICE_TOKEN = "http", fake_server + "/population", "x"
    assert _create(users, 506).identity_check.status == "unverified"


def test_a_person_added_in_the_admin_is_checked_too(client, users, fakes):
    from tests.accounts.test_model_validation import _person_form

    client.force_login(users["admin"])
    response = client.post(reverse("admin:accounts_person_add"), _person_form(id_number=MISMATCH_NUMBER, name="张三"))
    assert response.status_code == 200 and "姓名与所填姓名不符" in response.content.decode()
    assert not Person.objects.filter(id_number=MISMATCH_NUMBER).exists()
    form = _person_form(id_number=id_number_for(507), name="周九")
    response = client.post(reverse("admin:accounts_person_add"), form)
    assert response.status_code == 302
    assert Person.objects.get(id_number=id_number_for(507)).identity_check.status == "verified"


@pytest.mark.django_db(transaction=True)
def test_two_recheck_workers_at_once_ask_about_each_person_once(postgres, demo, users, fakes):
    from tests.concurrency import run_concurrently

    population, _tax = fakes
    population.down = True
    persons = [_create(users, 510 + n, name=f"吴{'一二三四五'[n]}") for n in range(5)]
    population.down, population.asked = False, 0
    later = timezone.now() + timedelta(hours=1)
    outcomes = run_concurrently([lambda: identity_recheck_due(now=later), lambda: identity_recheck_due(now=later)])
    assert all(kind == "ok" for kind, _result in outcomes), outcomes
    assert sum(result.verified for _kind, result in outcomes) == 5 and population.asked == 5
    assert set(IdentityCheck.objects.filter(person__in=persons).values_list("status", flat=True)) == {"verified"}
