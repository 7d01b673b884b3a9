"""The clerk's desk: window, call, identify, the whole picture, any business with its checks, accept, result."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from counter.models import Ticket, Window
from counter.services import ticket_issue, window_open
from tests.factories import EmployerFactory, PersonFactory, region
from workflow import profiles
from workflow.models import Case, ServiceType
from workflow.registry import Check
from workflow.services import case_accept

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def clerk_client(client, users):
    client.force_login(users["clerk"])
    return client


@pytest.fixture
def test_profile(settings):
    """A section and a prompt of the tests' own, as a domain app would register them."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}]
    profiles.register_section(profiles.Section(
        key="test_cases", title="Test facts", template="tests_counter/_section.html",
        load=lambda person: {"cases": Case.objects.filter(person=person).count()}))
    profiles.register_prompts("test_prompts", lambda person: [Check(
        code="may_qualify", label="May qualify for the test business", passed=False, blocking=False,
        suggests="test.immediate")])
    yield
    profiles.unregister("test_cases")
    profiles.unregister("test_prompts")


def test_a_clerk_signs_in_at_a_window_then_calls(clerk_client, hall, users):
    page = clerk_client.get(reverse("counter:desk")).content.decode()
    assert 'id="open-window"' in page
    window = Window.objects.get(hall=hall, number=2)
    clerk_client.post(reverse("counter:window-open"), {"window": window.pk})
    ticket = ticket_issue(hall=hall)
    response = clerk_client.post(reverse("counter:call-next"), follow=True)
    page = response.content.decode()
    assert 'id="current-ticket">A001<' in page and 'id="recall"' in page
    ticket.refresh_from_db()
    assert ticket.status == "called" and ticket.window == window and ticket.clerk == users["clerk"]


def test_the_desk_shows_how_many_wait_in_the_hall_and_the_longest_wait(clerk_client, hall, other_hall, users):
    from freezegun import freeze_time

    from tests.counter.conftest import local
    from tests.support.text import visible_text

    for minute in (0, 7, 15):
        with freeze_time(local(2026, 3, 10, 9, minute)):
            ticket_issue(hall=hall)
    with freeze_time(local(2026, 3, 10, 8, 0)):
        ticket_issue(hall=other_hall)
    with freeze_time(local(2026, 3, 10, 9, 42)):
        text = visible_text(clerk_client.get(reverse("counter:desk")).content)  # before signing in at a window
        assert "大厅等候 3 人" in text and "最久已等 42 分钟" in text and "截至 09:42" in text
        window_open(window=Window.objects.get(hall=hall, number=2), actor=users["clerk"])
        clerk_client.post(reverse("counter:call-next"))
        person = PersonFactory()
        page = clerk_client.get(reverse("counter:desk-subject", args=["person", person.pk])).content.decode()
    assert "大厅等候 2 人" in visible_text(page) and "最久已等 35 分钟" in visible_text(page)
    assert 'class="wait-long"' in page
    Ticket.objects.filter(hall=hall, status="waiting").update(status="no_show")
    with freeze_time(local(2026, 3, 10, 9, 45)):
        assert "大厅暂无人等候" in visible_text(clerk_client.get(reverse("counter:desk")).content)


def test_a_clerk_cannot_sign_in_at_another_halls_window(client, hall, users):
    client.force_login(users["clerk2"])
    client.post(reverse("counter:window-open"), {"window": Window.objects.get(hall=hall, number=1).pk})
    assert Window.objects.get(hall=hall, number=1).clerk is None


def test_a_clerk_of_another_hall_cannot_touch_this_halls_tickets(client, hall, window2, users):
    ticket_issue(hall=hall)
    client.force_login(users["clerk"])
    client.post(reverse("counter:call-next"))
    ticket = Ticket.objects.get(hall=hall)
    client.force_login(users["clerk2"])
    for name in ("counter:ticket-recall", "counter:ticket-finish", "counter:ticket-no-show", "counter:ticket-start",
                 "counter:ticket-transfer"):
        assert client.post(reverse(name, args=[ticket.pk])).status_code == 404
    ticket.refresh_from_db()
    assert ticket.status == "called" and ticket.recalls == 0


def test_identifying_a_person_opens_their_picture_and_records_them_on_the_ticket(clerk_client, hall, window2,
                                                                                 hekou_person):
    ticket_issue(hall=hall)
    clerk_client.post(reverse("counter:call-next"))
    response = clerk_client.post(reverse("counter:identify"), {"number": hekou_person.id_number.lower()})
    assert response["Location"] == reverse("counter:desk-subject", args=["person", hekou_person.pk])
    ticket = Ticket.objects.get(hall=hall)
    assert ticket.person == hekou_person and ticket.status == "serving"
    page = clerk_client.get(response["Location"]).content.decode()
    assert hekou_person.masked_id_number in page and hekou_person.id_number not in page


def test_a_first_generation_number_is_upgraded(clerk_client, demo):
    from accounts.identifiers import upgrade_id15

    person = PersonFactory(id_number=upgrade_id15("370503800101002"))
    response = clerk_client.post(reverse("counter:identify"), {"number": "370503800101002"})
    assert response["Location"] == reverse("counter:desk-subject", args=["person", person.pk])


@pytest.mark.parametrize(("number", "message"), [
    ("370503198001010000", "check character"), ("12345", "identity number"), ("91370503MA3CXXXX0Y", "credit code"),
])
def test_a_wrong_number_is_explained_and_changes_nothing(clerk_client, hall, window2, number, message):
    ticket_issue(hall=hall)
    clerk_client.post(reverse("counter:call-next"))
    clerk_client.post(reverse("portal:set-language"), {"language": "en"})
    response = clerk_client.post(reverse("counter:identify"), {"number": number})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Ticket.objects.get(hall=hall).status == "called"


def test_an_unknown_person_is_said_so(clerk_client, demo):
    from tests.factories import id_number_for

    response = clerk_client.post(reverse("counter:identify"), {"number": id_number_for(99999)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("counter:desk")
    assert len(list(response.context["messages"])) == 1


def test_an_employer_is_identified_by_credit_code(clerk_client, demo, test_services):
    employer = EmployerFactory()
    response = clerk_client.post(reverse("counter:identify"), {"number": employer.credit_code})
    assert response["Location"] == reverse("counter:desk-subject", args=["employer", employer.pk])
    page = clerk_client.get(response["Location"]).content.decode()
    assert employer.name in page and "test.employer" in page and "test.timed" not in page


def test_the_picture_shows_sections_prompts_open_cases_and_the_catalogue(clerk_client, hekou_person, users,
                                                                         test_services, test_profile):
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=hekou_person,
                       data={"amount": "1"})
    ServiceType.objects.filter(code="test.calendar").update(use_count=500)
    page = clerk_client.get(reverse("counter:desk-subject", args=["person", hekou_person.pk])).content.decode()
    assert "staff: 1 cases of " + hekou_person.name in page  # the registered section, with its data
    assert "May qualify for the test business" in page
    assert reverse("counter:desk-service", args=["person", hekou_person.pk, "test.immediate"]) in page
    assert case.number in page and case.jurisdiction_office.name in page
    catalogue = page[page.index('id="catalogue-list"'):]
    assert catalogue.index("test.calendar") < catalogue.index("test.immediate")  # the most used first
    assert "test.employer" not in catalogue  # an employer's business is offered on the employer's page
    filtered = clerk_client.get(reverse("counter:desk-subject", args=["person", hekou_person.pk]), {"q": "TIMED"})
    listing = filtered.content.decode().split('id="catalogue-list"')[1]
    assert "test.timed" in listing and "test.immediate" not in listing


def test_clerks_read_business_names_not_service_codes(clerk_client, hekou_person, users, test_services):
    """Codes such as insurance.reimbursement stay out of what the desk and the case page show (searching by
    code still works)."""
    from tests.support.text import visible_text
    from workflow.registry import registry

    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=hekou_person,
                       data={"amount": "1"})
    employer = EmployerFactory()
    pages = [reverse("counter:desk-subject", args=["person", hekou_person.pk]),
             reverse("counter:desk-subject", args=["employer", employer.pk]),
             service_url(hekou_person, "insurance.reimbursement"), service_url(hekou_person),
             reverse("counter:desk-case", args=[case.number]), reverse("workflow:case-detail", args=[case.number])]
    codes = [spec.code for spec in registry.all()]
    for url in pages:
        response = clerk_client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content)
        assert [code for code in codes if code in text] == [], url
    assert "住院费用报销" in visible_text(clerk_client.get(pages[0]).content)
    found = clerk_client.get(pages[0], {"q": "insurance.reimb"}).content.decode().split('id="catalogue-list"')[1]
    assert "住院费用报销" in found


def test_overdue_cases_are_marked(clerk_client, hekou_person, users, test_services):
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=hekou_person)
    Case.objects.filter(pk=case.pk).update(deadline=case.accepted_at.replace(year=2020))
    page = clerk_client.get(reverse("counter:desk-subject", args=["person", hekou_person.pk])).content.decode()
    assert "countdown-overdue" in page


def service_url(person, code="test.timed"):
    return reverse("counter:desk-service", args=["person", person.pk, code])


def test_the_checks_show_before_accepting_and_blocking_errors_stop(clerk_client, hekou_person, test_services):
    page = clerk_client.get(service_url(hekou_person)).content.decode()
    assert 'id="checks"' not in page and "居民身份证" in page  # the checks wait for the clerk
    page = clerk_client.post(service_url(hekou_person), {"action": "check"}).content.decode()
    assert 'id="checks"' in page and "一条提示" in page  # on request, before the form is complete
    data = {"f-amount": "5000", "d-materials": ["id_card", "form"]}
    page = clerk_client.post(service_url(hekou_person), {**data, "action": "check"}).content.decode()
    assert "alert alert-error" in page and 'id="accept" accesskey="a" disabled' in page
    clerk_client.post(service_url(hekou_person), {**data, "action": "accept"})
    assert not Case.objects.filter(person=hekou_person).exists()


def test_a_business_form_opens_without_checks_or_errors(clerk_client, hekou_person):
    """Opening a form shows no check and no error, whatever the business (defaults included); "Check" on the
    untouched form says what the form lacks on its fields and what the applicant meets, once."""
    from counter.selectors.desk import counter_catalogue

    for entry in counter_catalogue(subject="person"):
        response = clerk_client.get(service_url(hekou_person, entry.code))
        page = response.content.decode()
        assert response.context["checks"] is None, entry.code
        assert "errorlist" not in page and "alert-error" not in page and "必填" not in page, entry.code
        assert "点击“校验”或“受理”时进行条件校验" in page
    response = clerk_client.post(service_url(hekou_person, "insurance.reimbursement"), {"action": "check"})
    page = response.content.decode()
    assert 'class="field has-error"' in page and "这个字段是必填项" in page and 'id="checks-incomplete"' in page
    assert "该业务没有需要校验的条件" not in page and "申请信息完整有效" not in page
    checks = clerk_client.post(service_url(hekou_person, "employment.benefit"), {"action": "check"}).context["checks"]
    assert checks and "data" not in [c.code for c in checks]  # the applicant's own conditions, on request


def test_check_with_the_form_filled_but_materials_missing_checks_the_forms_data(clerk_client, hekou_person,
                                                                               test_services):
    response = clerk_client.post(service_url(hekou_person), {"f-amount": "5000", "action": "check"})
    page = response.content.decode()
    assert "尚未收到必需材料" in page and 'id="checks-incomplete"' not in page
    assert [c.code for c in response.context["checks"] if c.is_error] == ["amount_limit"]


def test_required_materials_must_be_received(clerk_client, hekou_person, test_services):
    response = clerk_client.post(service_url(hekou_person), {"f-amount": "5", "d-materials": ["id_card"],
                                                             "action": "accept"})
    assert response.status_code == 200 and "申请表" in response.content.decode()
    assert not Case.objects.filter(person=hekou_person).exists()


def test_a_time_limited_business_goes_to_the_applicants_district_and_onto_the_ticket(clerk_client, hall, window2,
                                                                                     hekou_person, test_services):
    ticket_issue(hall=hall)
    clerk_client.post(reverse("counter:call-next"))
    response = clerk_client.post(service_url(hekou_person), {"f-amount": "5", "d-materials": ["id_card", "form"],
                                                             "action": "accept"})
    case = Case.objects.get(person=hekou_person)
    assert response["Location"] == reverse("counter:desk-case", args=[case.number])
    assert (case.status, case.channel, case.accepted_office, case.jurisdiction_office.code) == (
        "routed", "counter", hall, "BACK-370503")
    assert case.materials_received == ["form", "id_card"] and case.data == {"amount": "5"}
    assert list(Ticket.objects.get(hall=hall).cases.all()) == [case]
    page = clerk_client.get(response["Location"]).content.decode()
    assert case.number in page and "河口区人社局后台经办科" in page
    try:
        receipt = reverse("receipts:receipt", kwargs={"number": case.number})
    except NoReverseMatch:
        assert 'id="print-receipt"' not in page
    else:
        assert f'href="{receipt}"' in page


def test_an_immediate_business_is_finished_on_the_spot(clerk_client, hekou_person, test_services):
    response = clerk_client.post(service_url(hekou_person, "test.immediate"), {"action": "accept"})
    case = Case.objects.get(person=hekou_person)
    assert case.status == "completed" and test_services.COMPLETIONS == [("test.immediate", case.pk)]
    assert 'class="ok"' in clerk_client.get(response["Location"]).content.decode()


def test_a_business_for_a_person_and_an_employer_asks_for_the_other_party(clerk_client, hekou_person, test_services):
    employer = EmployerFactory(region=region("370505"))
    url = service_url(hekou_person, "test.calendar")
    page = clerk_client.post(url, {"d-other": "913705050000000000", "action": "accept"}).content.decode()
    assert "d-other" in page and not Case.objects.exists()
    clerk_client.post(url, {"d-other": employer.credit_code, "action": "accept"})
    case = Case.objects.get(person=hekou_person)
    assert case.employer == employer and case.jurisdiction_office.code == "BACK-370505"


def test_unknown_business_and_subjects_are_not_found(clerk_client, hekou_person, test_services):
    assert clerk_client.get(service_url(hekou_person, "no.such")).status_code == 404
    assert clerk_client.get(service_url(hekou_person, "test.employer")).status_code == 404
    assert clerk_client.get(f"/hall/desk/region/{hekou_person.pk}/").status_code == 404


def test_the_result_page_is_only_for_the_accepting_hall(client, hekou_person, users, test_services):
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=hekou_person)
    client.force_login(users["clerk2"])
    assert client.get(reverse("counter:desk-case", args=[case.number])).status_code == 404


def person_with_history(users, cases: int):
    person = PersonFactory(hukou_region=region("370503001"))
    for n in range(cases):
        code = "test.immediate" if n % 2 else "test.timed"
        case_accept(service_code=code, actor=users["clerk"], channel="counter", person=person, data={"amount": "1"})
    return person


def test_the_desk_page_query_count_is_small_and_does_not_grow_with_history(clerk_client, hall, window2, users,
                                                                           test_services, test_profile):
    ticket_issue(hall=hall)
    clerk_client.post(reverse("counter:call-next"))
    counts = []
    for size in (2, 40):
        person = person_with_history(users, size)
        url = reverse("counter:desk-subject", args=["person", person.pk])
        clerk_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert clerk_client.get(url).status_code == 200
        counts.append(len(queries))
    # 20, plus the session's second-factor device (django_otp's OTPMiddleware) and the access log's one insert (24
    # before the card, the pension and the carried-over record were read once for sections and prompts: issue 13),
    # plus whether the person is in an open labour complaint (employment's prompt reading labour: issue 15).
    assert counts[0] == counts[1] and counts[0] <= 23, counts


def test_every_business_of_the_catalogue_renders_at_the_desk(clerk_client, hekou_person, test_services):
    """Whatever the domain apps register for the counter: its form from the registry and its checks."""
    from counter.selectors.desk import counter_catalogue

    employer = EmployerFactory()
    for kind, subject in (("person", hekou_person), ("employer", employer)):
        entries = counter_catalogue(subject=kind)
        assert entries
        for entry in entries:
            response = clerk_client.get(reverse("counter:desk-service", args=[kind, subject.pk, entry.code]))
            assert response.status_code == 200, entry.code
            assert 'id="accept"' in response.content.decode()


def test_logging_out_frees_the_window_unless_a_ticket_is_open(client, hall, window2, users):
    client.force_login(users["clerk"])
    client.post(reverse("accounts:logout"))
    assert Window.objects.get(pk=window2.pk).clerk is None
    window_open(window=window2, actor=users["clerk"])
    ticket_issue(hall=hall)
    client.force_login(users["clerk"])
    client.post(reverse("counter:call-next"))
    client.post(reverse("accounts:logout"))
    assert Window.objects.get(pk=window2.pk).clerk == users["clerk"]


def test_the_hall_today_page_offers_no_choice_where_there_is_none(client, hall, users):
    """A clerk sees their own hall only: no picker holding nothing but a "Show" button; the leader picks a hall."""
    client.force_login(users["clerk"])
    page = client.get(reverse("counter:hall-today")).content.decode()
    assert 'id="waiting-count"' in page and "hall-picker" not in page
    client.force_login(users["leader"])
    page = client.get(reverse("counter:hall-today")).content.decode()
    assert 'id="hall-select"' in page
