"""A kiosk session: identified by identity number and SMS code, ended by Exit or after a minute without a touch,
and after either the kiosk shows nothing of the person, from any page and from the browser's cache."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import OneTimeCode
from portal.kiosk.views.start import FAILURES_ALLOWED
from tests.factories import PersonFactory
from tests.kiosk.conftest import identify, sent_code, url
from workflow.models import OutboundMessage

pytestmark = pytest.mark.django_db
PERSONAL = ("statement", "proof")


def test_identified_by_the_code_sent_to_the_registered_phone(client, key, person):
    response = client.post(url("identify", key), {"id_number": person.id_number})
    assert response.status_code == 302 and response["Location"] == url("code", key)
    message = OutboundMessage.objects.get(phone=person.phone, key__startswith="otp:")
    assert OneTimeCode.objects.get(person=person).purpose == "kiosk"
    page = client.get(url("code", key)).content.decode()
    assert "139****5678" in page and person.phone not in page
    wrong = "000000" if sent_code(person) != "000000" else "111111"
    response = client.post(url("code", key), {"code": wrong})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    session_key = client.session.session_key
    assert client.post(url("code", key), {"code": sent_code(person)}).status_code == 302
    assert client.session.session_key != session_key  # a new session key once identified
    home = client.get(url("home", key)).content.decode()
    assert person.masked_name in home and person.masked_id_number in home
    assert person.id_number not in home and person.name not in home
    assert message.body.count(sent_code(person)) == 1


def test_an_unknown_number_is_told_clearly_and_sends_nothing(client, key):
    response = client.post(url("identify", key), {"id_number": "11010519491231002X"})
    assert response.status_code == 400 and "未在本局登记" in response.content.decode()
    response = client.post(url("identify", key), {"id_number": "110105194912310021"})  # a wrong check digit
    assert response.status_code == 400
    assert not OutboundMessage.objects.exists()
    assert client.get(url("code", key))["Location"] == url("identify", key)


def test_someone_without_a_mobile_number_is_sent_to_a_window(client, key):
    person = PersonFactory(phone="")
    response = client.post(url("identify", key), {"id_number": person.id_number})
    assert response.status_code == 400 and "服务大厅" in response.content.decode()


def test_guessing_numbers_at_a_kiosk_is_stopped(client, key, person):
    for _attempt in range(FAILURES_ALLOWED):
        client.post(url("identify", key), {"id_number": PersonFactory.build().id_number})
    response = client.post(url("identify", key), {"id_number": person.id_number})
    assert response.status_code == 400 and "工作人员" in response.content.decode()
    assert not OutboundMessage.objects.filter(phone=person.phone).exists()


def test_exit_ends_the_session_and_nothing_personal_is_shown_or_cached(client, key, person):
    identify(client, key, person)
    statement = client.get(url("statement", key))
    assert statement.status_code == 200
    assert "no-store" in statement["Cache-Control"] and "private" in statement["Cache-Control"]
    response = client.post(url("logout", key))
    assert response.status_code == 302 and response["Clear-Site-Data"] == '"cache"'
    home = client.get(url("home", key))
    page = home.content.decode()
    assert person.masked_name not in page and person.masked_id_number not in page
    assert "no-store" in home["Cache-Control"]
    for name in PERSONAL:
        assert client.get(url(name, key))["Location"] == url("home", key)
    assert "kiosk.person" not in client.session


def test_a_minute_without_a_touch_ends_the_session_on_the_server(client, key, person):
    with freeze_time("2026-03-03 02:00:00") as clock:
        identify(client, key, person)
        clock.tick(timedelta(seconds=59))
        assert client.get(url("statement", key)).status_code == 200  # touched: the minute starts again
        clock.tick(timedelta(seconds=61))
        response = client.get(url("statement", key))
        assert response["Location"] == url("home", key)
        page = client.get(url("home", key)).content.decode()
        assert "一分钟" in page and person.masked_name not in page
        # A form posted after the minute does nothing for the person who left.
        assert client.post(url("proof", key))["Location"] == url("home", key)


def test_the_screen_s_touch_signal_keeps_a_typing_person_in(client, key, person, settings):
    settings.KIOSK_IDLE_SECONDS = 30
    with freeze_time("2026-03-03 02:00:00") as clock:
        identify(client, key, person)
        for _ in range(3):
            clock.tick(timedelta(seconds=25))
            assert client.post(url("touch", key)).json() == {"alive": True}
        assert client.get(url("statement", key)).status_code == 200
        clock.tick(timedelta(seconds=31))
        assert client.post(url("touch", key)).json() == {"alive": False}


def test_idle_time_counts_from_the_answer_not_from_the_request(client, key, person, monkeypatch):
    """A slow answer (here issuing the statement takes longer than the idle limit) is not the person's idleness."""
    from portal.kiosk.views import personal

    with freeze_time("2026-03-03 02:00:00") as clock:
        identify(client, key, person)
        real_apply = personal.kiosk_apply

        def slow_apply(*args, **kwargs):
            clock.tick(timedelta(seconds=61))
            return real_apply(*args, **kwargs)

        monkeypatch.setattr(personal, "kiosk_apply", slow_apply)
        year = personal.statement_years()[1]
        response = client.post(url("statement", key), {"year": year})
        assert response.status_code == 302 and "/statement/" in response["Location"]
        clock.tick(timedelta(seconds=5))
        page = client.get(response["Location"])
        assert page.status_code == 200 and person.masked_name in page.content.decode()


def test_a_half_finished_identification_also_times_out(client, key, person):
    with freeze_time("2026-03-03 02:00:00") as clock:
        client.post(url("identify", key), {"id_number": person.id_number})
        clock.tick(timedelta(seconds=61))
        response = client.post(url("code", key), {"code": sent_code(person)})
        assert response["Location"] == url("identify", key)
        assert client.get(url("statement", key))["Location"] == url("home", key)


def test_a_session_stays_with_its_hall(client, key, person, demo):
    from accounts.models import Office
    from counter.services import hall_screen_ensure

    other = hall_screen_ensure(hall=Office.objects.get(code="HALL-370502")).token
    identify(client, key, person)
    assert client.get(url("statement", other))["Location"] == url("home", other)
    assert client.get(url("statement", key))["Location"] == url("home", key)  # and it is gone here too


def test_identifying_at_a_kiosk_drops_any_login_of_the_browser_and_is_no_login_itself(client, key, person, users):
    client.force_login(users["clerk"])
    identify(client, key, person)
    assert "_auth_user_id" not in client.session
    assert client.get("/hall/")["Location"].startswith("/accounts/login/")


def test_a_wrong_or_rotated_key_finds_no_kiosk(client, key, hall, users):
    from counter.services import hall_screen_rotate

    assert client.get(url("home", "nothing-here")).status_code == 404
    hall_screen_rotate(hall=hall, actor=users["clerk"])
    assert client.get(url("home", key)).status_code == 404


def test_the_menu_s_queries_do_not_grow_with_the_person_s_records(client, key, pensioner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.kiosk.test_personal import statement_for

    identify(client, key, pensioner)
    with CaptureQueriesContext(connection) as first:
        client.get(url("home", key))
    this_year = timezone.localdate().year
    for year in (this_year, this_year - 1):
        statement_for(client, key, year)
    client.post(url("proof", key))
    with CaptureQueriesContext(connection) as later:
        client.get(url("home", key))
    # One of them is the open_to rule that decides whether the menu offers proof of life.
    assert len(later.captured_queries) == len(first.captured_queries) <= 7
