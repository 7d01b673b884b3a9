"""Hall statistics per hall, window and clerk, and the city's channel mix, with their charts."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from counter.models import Ticket, Window
from counter.selectors.stats import channel_mix, hall_stats
from tests.counter.conftest import local
from tests.factories import PersonFactory, StaffFactory
from workflow.models import Case
from workflow.services import case_accept

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)


def served(hall, window, clerk, *, issued, wait, handle, status="done"):
    """A ticket issued at `issued`, called after `wait` minutes, served for `handle` minutes."""
    called = issued + timedelta(minutes=wait)
    return Ticket.objects.create(
        hall=hall, day=DAY, code=f"A{Ticket.objects.count() + 1:03d}", issued_at=issued, called_at=called,
        last_called_at=called, started_at=called if status == "done" else None,
        finished_at=called + timedelta(minutes=handle), status=status, window=window, clerk=clerk)


@pytest.fixture
def day_of_tickets(hall, users):
    w1, w2 = Window.objects.get(hall=hall, number=1), Window.objects.get(hall=hall, number=2)
    a, b = users["clerk"], StaffFactory(office=hall, roles=["counter_clerk"], last_name="柜员 乙")
    nine = local(2026, 3, 10, 9)
    for wait, handle in ((5, 4), (10, 6), (15, 8)):
        served(hall, w1, a, issued=nine, wait=wait, handle=handle)
    served(hall, w2, b, issued=local(2026, 3, 10, 14), wait=20, handle=10)
    served(hall, w2, b, issued=local(2026, 3, 10, 14), wait=25, handle=0, status="no_show")
    Ticket.objects.create(hall=hall, day=DAY, code="A999", issued_at=local(2026, 3, 10, 16))
    return {"a": a, "b": b}


def test_a_days_figures_for_the_hall_its_windows_and_clerks(hall, day_of_tickets):
    figures = hall_stats(hall=hall, date_from=DAY, date_to=DAY)
    assert (figures["issued"], figures["served"], figures["no_shows"]) == (6, 4, 1)
    assert (figures["wait_median"], figures["handle_median"]) == (15.0, 7.0)  # waits 5,10,15,20,25; handles 4,6,8,10
    assert figures["wait_p90"] == 23.0 and figures["handle_p90"] == 9.4
    assert [(w["number"], w["served"], w["share"], w["handle_median"]) for w in figures["windows"]] == [
        (1, 3, 75.0, 6.0), (2, 1, 25.0, 10.0)]
    assert [(c["clerk"], c["served"], c["no_shows"]) for c in figures["clerks"]] == [
        (day_of_tickets["a"], 3, 0), (day_of_tickets["b"], 1, 1)]
    assert figures["evenness"].cv == pytest.approx(0.5) and figures["evenness"].verdict == "uneven"
    series = figures["series"]
    assert series["by_hour"] and series["issued"][series["keys"].index(9)] == 3
    assert series["served"][series["keys"].index(14)] == 1


def test_a_range_counts_by_day(hall, day_of_tickets):
    figures = hall_stats(hall=hall, date_from=DAY - timedelta(days=1), date_to=DAY)
    assert not figures["series"]["by_hour"]
    assert figures["series"]["served"] == [0, 4] and figures["series"]["keys"][-1] == DAY


def test_the_stats_page_draws_svg_charts_without_style_attributes(client, hall, day_of_tickets, users):
    client.force_login(users["clerk"])
    page = client.get(reverse("counter:stats"), {"date_from": "2026-03-10", "date_to": "2026-03-10"}).content.decode()
    assert 'id="served">4<' in page and "<svg" in page and 'class="seg-served"' in page
    assert "style=" not in page


def test_a_hall_with_no_figures_says_no_data_instead_of_drawing_empty_charts(client, hall, users):
    client.force_login(users["clerk"])
    page = client.get(reverse("counter:stats"), {"date_from": "2026-03-10", "date_to": "2026-03-10"}).content.decode()
    assert 'id="served">0<' in page
    assert page.count('<p class="chart-empty">暂无数据</p>') == 3  # per window, served and issued by hour
    assert "chart-plot" not in page and "bar-table" not in page
    assert page.count(">暂无数据</td>") == 2  # the windows' and the clerks' tables


def test_a_clerk_sees_only_their_own_halls_figures(client, hall, day_of_tickets, users):
    client.force_login(users["clerk"])
    page = client.get(reverse("counter:stats"), {"hall": "HALL-370502", "date_from": "2026-03-10",
                                                 "date_to": "2026-03-10"}).content.decode()
    assert "广饶县人社服务大厅" in page and 'id="served">4<' in page and "东营区人社服务大厅" not in page


def test_the_leader_chooses_any_hall(client, hall, other_hall, day_of_tickets, users):
    client.force_login(users["leader"])
    page = client.get(reverse("counter:stats"), {"hall": "HALL-370502", "date_from": "2026-03-10",
                                                 "date_to": "2026-03-10"}).content.decode()
    assert 'id="served">0<' in page and "东营区人社服务大厅" in page


def test_a_range_too_long_is_refused_with_a_message(client, hall, users):
    client.force_login(users["clerk"])
    response = client.get(reverse("counter:stats"), {"date_from": "2025-01-01", "date_to": "2026-03-10"})
    assert response.status_code == 200 and "alert-error" in response.content.decode()


def test_the_channel_mix_counts_cases_per_day_and_channel(client, users, test_services):
    person = PersonFactory()
    cases = [case_accept(service_code="test.immediate", actor=users["clerk"], channel="counter", person=person)
             for _ in range(4)]
    for case, (channel, day) in zip(cases, [("counter", 9), ("online", 9), ("online", 10), ("kiosk", 10)],
                                    strict=True):
        Case.objects.filter(pk=case.pk).update(channel=channel, accepted_at=local(2026, 3, day, 23, 30))
    mix = channel_mix(date_from=date(2026, 3, 9), date_to=date(2026, 3, 10))
    assert mix["per_channel"]["counter"] == [1, 0] and mix["per_channel"]["online"] == [1, 1]
    assert mix["per_channel"]["kiosk"] == [0, 1]  # 23:30 in Dongying is still that day
    assert mix["counter_share"] == [50.0, 0.0] and mix["shares"]["online"] == 50.0
    client.force_login(users["leader"])
    page = client.get(reverse("counter:channel-mix"), {"date_from": "2026-03-09", "date_to": "2026-03-10"})
    html = page.content.decode()
    assert 'class="seg-online"' in html and 'class="seg-counter"' in html and "style=" not in html


def test_the_channel_mix_defaults_to_the_last_thirty_days(client, users):
    client.force_login(users["leader"])
    mix = client.get(reverse("counter:channel-mix")).context["mix"]
    assert len(mix["days"]) == 30 and mix["days"][-1] == timezone.localdate()
