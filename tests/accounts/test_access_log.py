"""The access log: one row per read of a person's record by staff or an API client, at the desk, in the back office
and through the API; the resident's own list; append-only for everyone; the office head's unusual reading."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.access_log.rules import FREE_READS, PERSONS_PER_TASK, reading_allowance, reading_is_unusual
from accounts.api_clients import api_client_create
from accounts.models import AccessLogEntry, ApiScope, Office, User
from counter.models import Window
from counter.services import ticket_issue, window_open, windows_ensure
from tests.factories import PersonFactory, region
from tests.workflow.backoffice_support import accept

pytestmark = pytest.mark.django_db
CHECKS = "/api/v1/public-security/identity-checks"


def _inserts(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "insert into" in q["sql"].lower()
            and "accesslogentry" in q["sql"].lower()]


@pytest.fixture
def hekou_person(db):
    return PersonFactory(hukou_region=region("370503001"), residence_region=region("370503001"))


@pytest.fixture
def at_window(client, users):
    """The demo clerk signed in at window 2 of 广饶县's hall, serving a called ticket."""
    hall = Office.objects.get(code="HALL-370523")
    windows_ensure(hall=hall, count=3)
    window_open(window=Window.objects.get(hall=hall, number=2), actor=users["clerk"])
    ticket_issue(hall=hall)
    client.force_login(users["clerk"])
    client.post(reverse("counter:call-next"))
    return client


def test_opening_a_person_at_the_desk_writes_exactly_one_row(at_window, users, hekou_person):
    with CaptureQueriesContext(connection) as captured:
        response = at_window.post(reverse("counter:identify"), {"number": hekou_person.id_number}, follow=True)
    assert response.status_code == 200
    assert len(_inserts(captured)) == 1
    entry = AccessLogEntry.objects.get()
    clerk = users["clerk"]
    assert (entry.person, entry.user, entry.staff_number, entry.office_id) == (
        hekou_person, clerk, clerk.staff_number, clerk.office_id)
    assert entry.page == AccessLogEntry.Page.DESK and entry.role == "counter_clerk"
    assert entry.ticket and entry.address == "127.0.0.1"
    assert entry.path == reverse("counter:desk-subject", args=["person", hekou_person.pk])


def test_opening_a_case_in_the_back_office_writes_exactly_one_row(client, users, test_services):
    case = accept(users)
    client.force_login(users["reviewer"])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(case.get_absolute_url()).status_code == 200
    assert len(_inserts(captured)) == 1
    entry = AccessLogEntry.objects.get()
    assert (entry.person_id, entry.user, entry.case_number, entry.page) == (
        case.person_id, users["reviewer"], case.number, AccessLogEntry.Page.CASE)


def test_an_api_identity_check_writes_exactly_one_row_naming_the_client(client, hekou_person):
    api_client, token = api_client_create(name="东营市公安局", department="公安", scopes=[ApiScope.PUBLIC_SECURITY])
    response = client.post(CHECKS, json.dumps({"id_number": hekou_person.id_number, "name": hekou_person.name}),
                           content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json()["registered"]
    entry = AccessLogEntry.objects.get()
    assert (entry.person, entry.api_client, entry.page, entry.role) == (
        hekou_person, api_client, AccessLogEntry.Page.API, "api_client")
    # An unknown number reads nobody: nothing is written.
    other = PersonFactory.build()
    client.post(CHECKS, json.dumps({"id_number": other.id_number, "name": "某某"}), content_type="application/json",
                headers={"Authorization": f"Bearer {token}"})
    assert AccessLogEntry.objects.count() == 1


def test_search_results_are_recorded_in_one_insert(client, users):
    persons = [PersonFactory(name=f"查阅{i}") for i in range(4)]
    client.force_login(users["leader"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("accounts:person-search"), {"q": "查阅"})
    assert response.status_code == 200
    assert len(_inserts(captured)) == 1
    assert set(AccessLogEntry.objects.values_list("person_id", flat=True)) == {p.pk for p in persons}


@pytest.mark.parametrize("url_name", ["insurance:person-records", "employment:person", "accounts:person-detail"])
def test_person_pages_write_one_row_each(client, users, hekou_person, url_name):
    client.force_login(users["head"])
    assert client.get(reverse(url_name, args=[hekou_person.pk])).status_code == 200
    assert AccessLogEntry.objects.filter(person=hekou_person, user=users["head"]).count() == 1
    assert set(AccessLogEntry.objects.get().role.split(",")) == {"reviewer", "office_head"}


def test_with_the_log_switched_off_nothing_is_written(client, users, hekou_person, settings):
    settings.ACCESS_LOG_ENABLED = False
    client.force_login(users["head"])
    assert client.get(reverse("insurance:person-records", args=[hekou_person.pk])).status_code == 200
    assert not AccessLogEntry.objects.exists()


def test_the_resident_sees_who_opened_their_record_without_names(client, users, test_services):
    resident = users["resident"]
    case = accept(users, person=resident.person)
    client.force_login(users["reviewer"])
    client.get(case.get_absolute_url())
    other = PersonFactory(hukou_region=region("370503001"))
    client.get(reverse("insurance:person-records", args=[other.pk]))  # someone else's: not on this page
    # A row by the resident's own login (none is written today, but the page must never show one).
    AccessLogEntry.objects.create(person=resident.person, user=resident, page=AccessLogEntry.Page.PERSON)
    client.force_login(resident)
    client.get(reverse("resident:records"))  # the resident's own reads are not recorded
    html = client.get(reverse("resident:access-log")).content.decode()
    reviewer = users["reviewer"]
    assert reviewer.staff_number in html and case.number in html and reviewer.office.name in html
    names = [n for n in (reviewer.get_full_name(), reviewer.first_name, reviewer.last_name) if n]
    assert names and not [n for n in names if n in html] and f">{reviewer.username}<" not in html
    assert html.count("<tr>") == 2  # the header and the reviewer's one read
    assert AccessLogEntry.objects.filter(person=resident.person).count() == 2


def test_the_resident_page_names_the_department_of_an_api_read(client, users):
    resident = users["resident"]
    api_client, _token = api_client_create(name="东营市公安局", department="市公安局",
                                           scopes=[ApiScope.PUBLIC_SECURITY])
    AccessLogEntry.objects.create(person=resident.person, api_client=api_client, user=api_client.user,
                                  page=AccessLogEntry.Page.API)
    client.force_login(resident)
    html = client.get(reverse("resident:access-log")).content.decode()
    assert "市公安局" in html and "数据交换" in html


# --- append-only -------------------------------------------------------------------------------------------------


@pytest.fixture
def entry(users, hekou_person):
    return AccessLogEntry.objects.create(person=hekou_person, user=users["clerk"], staff_number="G3705230001",
                                         page=AccessLogEntry.Page.DESK, address="10.0.0.1")


@pytest.fixture
def root(client, db):
    user = User.objects.create_superuser(username="root", password="Root#2026long", kind=User.Kind.STAFF)
    client.force_login(user)
    return client


def _admin_url(view, *args):
    return reverse(f"admin:accounts_accesslogentry_{view}", args=args)


def test_nobody_not_even_a_superuser_adds_changes_or_deletes_a_row_in_the_admin(root, entry):
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="root")
    model_admin = admin.site._registry[AccessLogEntry]
    assert not any(check(request) for check in (model_admin.has_add_permission, model_admin.has_change_permission,
                                                model_admin.has_delete_permission))
    assert model_admin.get_actions(request) == {}
    assert root.get(_admin_url("add")).status_code == 403
    assert root.post(_admin_url("change", entry.pk), {"ticket": "X"}).status_code == 403
    assert root.post(_admin_url("delete", entry.pk), {"post": "yes"}).status_code == 403
    root.post(_admin_url("changelist"), {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    entry.refresh_from_db()
    assert entry.ticket == "" and AccessLogEntry.objects.count() == 1
    assert 'name="action"' not in root.get(_admin_url("changelist")).content.decode()


def test_the_model_has_no_add_change_or_delete_permission_to_give(users):
    from django.contrib.auth.models import Permission

    codenames = set(Permission.objects.filter(content_type__model="accesslogentry").values_list("codename", flat=True))
    assert codenames == {"view_accesslogentry"}
    assert users["leader"].has_perm("accounts.view_accesslogentry")
    assert not users["clerk"].has_perm("accounts.view_accesslogentry")


def test_the_api_offers_no_way_to_the_access_log(client):
    paths = client.get("/api/v1/schema/").json()["paths"]
    assert not [p for p in paths if "access" in p.lower()]


def test_the_admin_searches_by_identity_number_staff_and_day_in_chinese(root, entry, hekou_person, users):
    other = AccessLogEntry.objects.create(person=PersonFactory(), user=users["reviewer"], staff_number="H3705030001",
                                          page=AccessLogEntry.Page.CASE)
    page = root.get(_admin_url("changelist"), {"q": hekou_person.id_number.lower()})
    assert list(page.context["cl"].result_list) == [entry]
    assert list(root.get(_admin_url("changelist"), {"q": "H3705030001"}).context["cl"].result_list) == [other]
    assert list(root.get(_admin_url("changelist"), {"q": "clerk"}).context["cl"].result_list) == [entry]
    day = timezone.localtime(entry.at)
    by_day = root.get(_admin_url("changelist"), {"at__year": day.year, "at__month": day.month, "at__day": day.day})
    assert set(by_day.context["cl"].result_list) == {entry, other}
    html = by_day.content.decode()
    assert "个人信息查阅记录" in html and "综合柜员台" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete_even_in_sql(entry):
    for sql in ("UPDATE accounts_accesslogentry SET ticket = 'X' WHERE id = %s",
                "DELETE FROM accounts_accesslogentry WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.filter(pk=entry.pk, ticket="").exists()


# --- unusual reading ---------------------------------------------------------------------------------------------


def test_the_rule_allows_a_few_reads_and_a_few_persons_per_task():
    assert reading_allowance(work=0) == FREE_READS
    assert reading_allowance(work=10) == 10 * PERSONS_PER_TASK
    assert not reading_is_unusual(persons=FREE_READS, work=0)
    assert reading_is_unusual(persons=FREE_READS + 1, work=0)
    assert not reading_is_unusual(persons=PERSONS_PER_TASK * 5, work=5)
    assert reading_is_unusual(persons=PERSONS_PER_TASK * 5 + 1, work=5)


def _reads(user, n, *, at=None):
    at = at or timezone.now()
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(person=PersonFactory(), user=user, staff_number=user.staff_number, office_id=user.office_id,
                       page=AccessLogEntry.Page.PERSON, at=at) for _ in range(n))


def test_the_head_board_shows_a_reviewer_who_opened_far_more_persons_than_they_handled(client, users,
                                                                                       test_services):
    reviewer, head = users["reviewer"], users["head"]
    _reads(reviewer, FREE_READS + 5)
    _reads(head, 3)  # a few reads without work: usual
    client.force_login(head)
    html = client.get(reverse("workflow:head-board")).content.decode()
    assert 'id="unusual-reading"' in html and reviewer.staff_number in html
    assert head.staff_number not in html.split('id="unusual-reading"')[1]
    assert f"打开 {FREE_READS + 5} 人" in html and "不一定" in html
    # Another district's head does not see them.
    client.force_login(users["head2"])
    assert reviewer.staff_number not in client.get(reverse("workflow:head-board")).content.decode()


def test_reading_in_proportion_to_the_cases_handled_is_not_unusual(client, users, test_services):
    from workflow.services import case_claim

    reviewer = users["reviewer"]
    for _ in range(5):
        case_claim(case=accept(users, at=timezone.now()), actor=reviewer)
    _reads(reviewer, FREE_READS + 5)  # 15 persons for 5 cases: within 3 a case
    client.force_login(users["head"])
    html = client.get(reverse("workflow:head-board")).content.decode()
    assert 'id="unusual-reading"' not in html and "今天和本周都没有异常查阅" in html


def test_reading_last_week_does_not_count_this_week(client, users, test_services):
    _reads(users["reviewer"], FREE_READS + 5, at=timezone.now() - timedelta(days=8))
    client.force_login(users["head"])
    assert 'id="unusual-reading"' not in client.get(reverse("workflow:head-board")).content.decode()


@pytest.mark.parametrize("durable", [False, True])
def test_a_list_is_one_insert_whether_or_not_the_commit_waits_for_the_disk(client, users, settings, durable):
    settings.ACCESS_LOG_DURABLE = durable
    persons = [PersonFactory(name=f"名单{i}") for i in range(3)]
    client.force_login(users["clerk"])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("accounts:person-search"), {"q": "名单"}).status_code == 200
    assert len(_inserts(captured)) == 1
    rows = AccessLogEntry.objects.filter(user=users["clerk"])
    assert {r.person_id for r in rows} == {p.pk for p in persons}
    assert {(r.staff_number, r.office_id, r.role, r.page, str(r.address)) for r in rows} == {
        (users["clerk"].staff_number, users["clerk"].office_id, "counter_clerk", "search", "127.0.0.1")}


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_rows_are_written_whole(settings):
    """The path real requests take (no transaction around them): on PostgreSQL one INSERT that does not wait for
    the disk; every column as given."""
    from accounts.access_log.services import Page, access_log_record

    office = Office.objects.create(code="T-HALL", name="测试大厅", kind=Office.Kind.HALL, region=region("370503"))
    clerk = User.objects.create_user(username="t-clerk", password="x", kind=User.Kind.STAFF, office=office,
                                     staff_number="T0001")
    persons = [PersonFactory(), PersonFactory()]
    request = RequestFactory().get("/hall/desk/", REMOTE_ADDR="10.1.2.3")
    request.user = clerk
    assert not connection.in_atomic_block
    with CaptureQueriesContext(connection) as captured:
        assert access_log_record(request=request, persons=[*persons, persons[0].pk], page=Page.DESK,
                                 case_number="C1", ticket="A001") == 2
    assert len(_inserts(captured)) == 1
    rows = list(AccessLogEntry.objects.order_by("person_id"))
    assert [r.person_id for r in rows] == sorted(p.pk for p in persons)
    assert {(r.user_id, r.api_client_id, r.staff_number, r.office_id, r.page, r.path, r.case_number, r.ticket,
             r.address) for r in rows} == {(clerk.pk, None, "T0001", office.pk, "desk", "/hall/desk/", "C1", "A001",
                                            "10.1.2.3")}
