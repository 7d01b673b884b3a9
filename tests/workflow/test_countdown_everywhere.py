"""One countdown on every screen: the clerk's desk, the back office's case page, the resident's case page and the
public tracking page read the same remaining (or overdue) time for the same case, and a case decided after its
deadline says so, and by how much, on the tracking page and the case pages."""

from __future__ import annotations

import re
from datetime import datetime
from html import unescape

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.services import resident_user_create
from tests.factories import PersonFactory, region
from workflow.rules.calendar import SHANGHAI
from workflow.services import case_accept, case_approve, case_claim, case_request_supplement

pytestmark = pytest.mark.django_db

# Section of each page that holds the case's countdown: (start marker, end marker).
SECTIONS = {
    "desk": ('id="open-cases"', "</section>"),
    "back office": ('<div class="case-head">', "</div>"),
    "resident": ('class="card case-head"', "</dl>"),
    "tracking": ('aria-labelledby="track-deadline"', "</section>"),
}


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def text_of(html: str, page: str) -> str:
    """What a reader sees of the page's countdown section: tags dropped, spaces collapsed."""
    start, end = SECTIONS[page]
    html = html[html.index(start):]
    section = html[:html.index(end)]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", section))).strip()


@pytest.fixture
def applicant():
    """A person registered in 河口区 (the demo reviewer's office decides), with an online login."""
    person = PersonFactory(hukou_region=region("370503001"), residence_region=region("370503001"))
    return resident_user_create(person=person, password="Dongying@2026")


@pytest.fixture
def accepted(test_services, users, applicant):
    """Accepted at 广饶县's hall on Monday 2 March 2026, 10:00: five working days, due Monday 9 March 17:00."""
    with freeze_time(sh(2026, 3, 2, 10)):
        case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter",
                           person=applicant.person, data={"amount": "1"})
        case_claim(case=case, actor=users["reviewer"])
    assert case.deadline == sh(2026, 3, 9, 17)
    return case


def read_everywhere(client, users, applicant, case, at: datetime) -> dict[str, str]:
    urls = {
        "desk": (users["clerk"], reverse("counter:desk-subject", args=["person", case.person_id])),
        "back office": (users["reviewer"], case.get_absolute_url()),
        "resident": (applicant, reverse("resident:case-detail", args=[case.number])),
        "tracking": (None, reverse("tracking:track-detail", args=[case.tracking_code])),
    }
    seen = {}
    with freeze_time(at):
        for page, (user, url) in urls.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            assert response.status_code == 200, page
            seen[page] = text_of(response.content.decode(), page)
    return seen


@pytest.mark.parametrize(("at", "phrase"), [
    # Thursday 11:00: 6 hours on Thursday, Friday, Monday.
    (sh(2026, 3, 5, 11), "剩余2个工作日6小时"),
    # Monday 16:00, the last day: one hour left, whatever the weekend in between.
    (sh(2026, 3, 9, 16), "剩余1小时"),
    # Wednesday 11:00 after Monday's deadline: all of Tuesday and two hours of Wednesday.
    (sh(2026, 3, 11, 11), "已超期1个工作日2小时"),
])
def test_a_running_or_overdue_case_reads_the_same_on_every_screen(client, users, applicant, accepted, at, phrase):
    seen = read_everywhere(client, users, applicant, accepted, at)
    for page, text in seen.items():
        assert phrase in text, (page, text)


def test_a_case_waiting_for_material_reads_the_same_paused_time_on_every_screen(client, users, applicant,
                                                                              accepted):
    with freeze_time(sh(2026, 3, 4, 15)):  # Wednesday 15:00: 2 hours, then Thursday, Friday and Monday
        case_request_supplement(case=accepted, actor=users["reviewer"], materials=["form"])
    # Read a week later, past the deadline on the wall clock: the clock stopped when the material was asked for.
    seen = read_everywhere(client, users, applicant, accepted, sh(2026, 3, 12, 10))
    for page, text in seen.items():
        assert "计时暂停（剩余3个工作日2小时）" in text, (page, text)
        assert "超期" not in text, (page, text)


def test_a_case_decided_late_says_by_how_much_on_tracking_and_the_case_pages(client, users, applicant, accepted):
    with freeze_time(sh(2026, 3, 11, 11)):  # Wednesday 11:00, after Monday's deadline
        case_approve(case=accepted, actor=users["reviewer"])
    seen = read_everywhere(client, users, applicant, accepted, sh(2026, 4, 1, 10))
    for page in ("back office", "resident", "tracking"):
        assert "逾期1个工作日2小时办结" in seen[page], (page, seen[page])
    assert "按时办结" not in seen["tracking"]


def test_a_case_decided_in_time_says_so(client, users, applicant, accepted):
    with freeze_time(sh(2026, 3, 6, 11)):
        case_approve(case=accepted, actor=users["reviewer"])
    seen = read_everywhere(client, users, applicant, accepted, sh(2026, 4, 1, 10))
    for page in ("back office", "resident", "tracking"):
        assert "按时办结" in seen[page] and "逾期" not in seen[page], (page, seen[page])


def test_the_shared_calendar_follows_an_edit_at_once(client, users, applicant, accepted):
    """The pages share a cached calendar: a holiday added in the admin changes every countdown without waiting."""
    from workflow.models import CalendarDay

    at = sh(2026, 3, 5, 11)
    assert "剩余2个工作日6小时" in read_everywhere(client, users, applicant, accepted, at)["tracking"]
    CalendarDay.objects.create(date=sh(2026, 3, 6).date(), kind=CalendarDay.Kind.HOLIDAY, name="测试假日")
    seen = read_everywhere(client, users, applicant, accepted, at)
    for page, text in seen.items():
        assert "剩余1个工作日6小时" in text, (page, text)
