"""Who sees which case, one rule (workflow.permissions.case_scope): for every role and a grid of cases, the check of
one case (can_view), the queryset (cases_visible_to), the receipt, the back office's case page and the applicant's
case pages all agree, and say what the rule says."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from accounts.models import Office, User
from accounts.roles import Role
from accounts.services import resident_user_create, system_user
from tests.factories import EmployerFactory, PersonFactory, StaffFactory, region
from workflow.models import Case, ServiceType
from workflow.permissions import can_view, case_scope
from workflow.rules.codes import case_number, new_tracking_code
from workflow.selectors.backoffice import cases_visible_to, may_see_cases
from workflow.selectors.tracking import case_receipt

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(users, test_services):
    """Cases of every shape: accepted at a hall or online, decided by a back office or on the spot, for a person,
    an employer, or an employer's filing for a person."""
    office = {code: Office.objects.get(code=code) for code in ("HALL-370523", "HALL-370502", "BACK-370503",
                                                              "BACK-370502")}
    resident, other = users["resident"].person, PersonFactory(hukou_region=region("370502001"))
    firm, other_firm = users["employer_admin"].employer, EmployerFactory(region=region("370503"))
    timed = ServiceType.objects.get(code="test.timed")
    immediate = ServiceType.objects.get(code="test.immediate")
    now = timezone.now()
    by = {"HALL-370523": users["clerk"], "HALL-370502": users["clerk2"]}
    shapes = {
        "resident, 广饶 hall, 河口 decides": (resident, None, "HALL-370523", "BACK-370503", timed),
        "other person, 东营 hall, 东营 decides": (other, None, "HALL-370502", "BACK-370502", timed),
        "firm, 广饶 hall, 东营 decides": (None, firm, "HALL-370523", "BACK-370502", timed),
        "other firm, 东营 hall, 河口 decides": (None, other_firm, "HALL-370502", "BACK-370503", timed),
        "firm's filing for the resident, online, 河口 decides": (resident, firm, None, "BACK-370503", timed),
        "other person, online, on the spot": (other, None, None, None, immediate),
        "resident, 东营 hall, on the spot": (resident, None, "HALL-370502", None, immediate),
    }
    cases = {}
    for seq, (name, (person, employer, accepted, deciding, service)) in enumerate(shapes.items(), start=980001):
        cases[name] = Case.objects.create(
            number=case_number(now.date(), seq), tracking_code=new_tracking_code(), service=service,
            channel="counter" if accepted else "online", person=person, employer=employer,
            accepted_office=office.get(accepted), jurisdiction_office=office.get(deciding),
            accepted_by=by.get(accepted) or (users["employer_admin"] if employer else system_user()),
            status="routed" if deciding else "completed", accepted_at=now,
            deadline=now + timedelta(days=7) if deciding else None)
    return cases


@pytest.fixture
def everyone(users):
    """Every demo role, plus a reviewer between offices, one person holding two roles, and a resident whose
    person is the applicant of no case."""
    extra = {
        "reviewer without an office": StaffFactory(office=None, roles=[Role.REVIEWER]),
        "clerk and reviewer of 河口": StaffFactory(office=Office.objects.get(code="BACK-370503"),
                                                roles=[Role.CLERK, Role.REVIEWER]),
        "resident with no cases": resident_user_create(person=PersonFactory(), password="Dongying@2026"),
    }
    return {**users, **extra}


def visible_names(user, grid) -> set[str]:
    return {name for name, case in grid.items() if can_view(user, case)}


def test_the_rule_says_who_sees_what(everyone, grid):
    expected = {
        "leader": set(grid),
        "clerk": {"resident, 广饶 hall, 河口 decides", "firm, 广饶 hall, 东营 decides"},
        "reviewer": {"resident, 广饶 hall, 河口 decides", "other firm, 东营 hall, 河口 decides",
                     "firm's filing for the resident, online, 河口 decides"},
        "head2": {"other person, 东营 hall, 东营 decides", "firm, 广饶 hall, 东营 decides"},
        "resident": {"resident, 广饶 hall, 河口 decides", "firm's filing for the resident, online, 河口 decides",
                     "resident, 东营 hall, on the spot"},
        "employer_staff": {"firm, 广饶 hall, 东营 decides", "firm's filing for the resident, online, 河口 decides"},
        "clerk and reviewer of 河口": {"resident, 广饶 hall, 河口 decides", "other firm, 东营 hall, 河口 decides",
                                     "firm's filing for the resident, online, 河口 decides"},
        # Nobody sees a case through a missing office (a case decided on the spot has no deciding office).
        "reviewer without an office": set(),
        "admin": set(),  # the system administrator is not a business role
        "resident with no cases": set(),
    }
    for role, names in expected.items():
        assert visible_names(everyone[role], grid) == names, role
    assert visible_names(AnonymousUser(), grid) == set()


def test_the_object_check_and_the_queryset_agree_for_every_role_and_case(everyone, grid):
    for role, user in [*everyone.items(), ("anonymous", AnonymousUser())]:
        listed = set(cases_visible_to(user=user).filter(pk__in=[c.pk for c in grid.values()])
                     .values_list("pk", flat=True))
        for name, case in grid.items():
            allowed = can_view(user, case)
            assert (case.pk in listed) == allowed, (role, name)
            assert (case_receipt(user=user, number=case.number) is not None) == allowed, (role, name)
            assert case_scope(user).contains(case) == allowed


def test_every_case_page_follows_the_rule(client, everyone, grid):
    for role, user in everyone.items():
        client.force_login(user)
        for name, case in grid.items():
            allowed = can_view(user, case)
            status = client.get(reverse("receipts:receipt", args=[case.number])).status_code
            assert status == (200 if allowed else 404), ("receipt", role, name, status)
            pages = [("back office", reverse("workflow:case-detail", args=[case.number]), may_see_cases(user))]
            if user.kind == User.Kind.RESIDENT:
                pages.append(("resident", reverse("resident:case-detail", args=[case.number]), True))
            if user.kind == User.Kind.EMPLOYER:
                pages.append(("employer", reverse("employer:case", args=[case.number]), True))
            for page, url, may_open in pages:
                status = client.get(url).status_code
                assert (status == 200) == (allowed and may_open), (page, role, name, status)
                assert status in (200, 403, 404), (page, role, name, status)
        client.logout()
