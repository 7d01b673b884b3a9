"""Every demo role's main pages in headless Chromium, on the demo data, so that axe-core (run on each page by
tests/browser/accessibility.py) sees them all: the desk, the workbench, the board, the overview, the hall's
statistics with their charts, the resident's home, records and cases, the employer's home and declarations,
tracking, the kiosk and the hall's screens; on a desktop and on a phone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.browser.support import log_in, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# How many lines each small button's label takes (领取 used to break into two in the workbench's last column).
BUTTON_LINES = """
return Array.from(document.querySelectorAll('.case-table button, .assign-form button')).map(function (b) {
  var range = document.createRange(); range.selectNodeContents(b);
  var tops = new Set(Array.from(range.getClientRects()).map(function (r) { return Math.round(r.top); }));
  return [b.textContent.trim(), tops.size];
});
"""


def _hall_day(hall, clerk) -> None:
    """Today at the hall: numbers taken and served at two windows, so that its charts have something to draw."""
    from counter.models import Ticket, Window
    from counter.services import windows_ensure

    windows_ensure(hall=hall, count=2)
    windows = list(Window.objects.filter(hall=hall).order_by("number"))
    today, start = timezone.localdate(), timezone.localtime().replace(hour=8, minute=30, second=0, microsecond=0)
    for i in range(12):
        issued = start + timedelta(minutes=37 * i)
        called = issued + timedelta(minutes=6 + i % 5)
        Ticket.objects.create(hall=hall, day=today, code=f"A{900 + i}", issued_at=issued, called_at=called,
                              last_called_at=called, started_at=called, finished_at=called + timedelta(minutes=9),
                              status="done", window=windows[i % 2], clerk=clerk)


@pytest.fixture
def demo_city(transactional_db, live_server, test_services):
    """The whole demo (cases in every state, escalations, employers' declarations...), plus what the demo lacks
    for these pages: a day of tickets at 广饶县's hall, contributions and an online case of the demo resident."""
    from accounts.models import Office, User
    from counter.services import hall_screen_ensure
    from tests.conftest import ensure_demo
    from tests.resident.conftest import contributions
    from workflow.models import Case
    from workflow.services import case_accept

    ensure_demo()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - the command's own progress lines
    hall = Office.objects.get(code="HALL-370523")
    _hall_day(hall, User.objects.get(username="clerk"))
    resident = User.objects.filter(kind=User.Kind.RESIDENT).order_by("pk").first()
    contributions(resident.person, 6)
    mine = case_accept(service_code="test.timed", actor=resident, channel="online", person=resident.person,
                       data={"amount": "100.00"})
    routed = Case.objects.filter(jurisdiction_office__code="BACK-370503", status="routed").first()
    return {"base": live_server.url, "resident": resident, "case": mine, "routed": routed,
            "screen": hall_screen_ensure(hall=hall).token}


def visit(driver, base: str, url: str, css: str = "main") -> None:
    driver.get(base + url)
    wait_for(driver, css)


def _staff_tour(driver, city) -> None:
    base, routed = city["base"], city["routed"]
    log_in(driver, base, "clerk")
    for url in (reverse("counter:desk"), reverse("counter:hall-today"), reverse("counter:bookings"),
                reverse("accounts:person-search"), reverse("receipts:receipt", args=[routed.number])):
        visit(driver, base, url)
    visit(driver, base, reverse("counter:stats"), ".chart-plot text")  # today's figures, drawn
    log_in(driver, base, "reviewer")
    for url in (reverse("workflow:workbench"), reverse("workflow:workbench") + "?filter=overdue",
                routed.get_absolute_url()):
        visit(driver, base, url)
    log_in(driver, base, "head")
    visit(driver, base, reverse("workflow:workbench"), ".case-table button")
    assert all(lines == 1 for _label, lines in driver.execute_script(BUTTON_LINES))
    visit(driver, base, reverse("workflow:head-board"), "#overdue-h")
    assert all(lines == 1 for _label, lines in driver.execute_script(BUTTON_LINES))
    log_in(driver, base, "leader")
    for url in (reverse("workflow:city-overview"), reverse("counter:channel-mix"), reverse("counter:screens"),
                reverse("employment:fund-report"), reverse("counter:stats") + "?hall=HALL-370522"):
        visit(driver, base, url)


def _public_tour(driver, city) -> None:
    base, case = city["base"], city["case"]
    driver.delete_all_cookies()
    for url in (reverse("portal:home"), reverse("accounts:login"), reverse("tracking:track"),
                reverse("tracking:track-detail", args=[case.tracking_code]), reverse("resident:signup")):
        visit(driver, base, url)
    for url in (reverse("kiosk:home", args=[city["screen"]]), reverse("counter:dispenser", args=[city["screen"]]),
                reverse("counter:board", args=[city["screen"]])):
        visit(driver, base, url, "body")


def _online_tour(driver, city) -> None:
    base = city["base"]
    log_in(driver, base, city["resident"].username)
    for url in (reverse("portal:resident-home"), reverse("resident:cases"),
                reverse("resident:case-detail", args=[city["case"].number]), reverse("resident:apply"),
                reverse("resident:appointments")):
        visit(driver, base, url)
    visit(driver, base, reverse("resident:records"), "#history-chart")
    log_in(driver, base, "employer")
    for url in (reverse("portal:employer-home"), reverse("employer:declarations"), reverse("employer:employees"),
                reverse("employer:cards"), reverse("employer:cases"), reverse("employer:services")):
        visit(driver, base, url)


def test_every_roles_main_pages_on_a_desktop_and_a_phone(browser, phone, demo_city):
    for driver in (browser, phone):
        _staff_tour(driver, demo_city)
        _public_tour(driver, demo_city)
        _online_tour(driver, demo_city)
