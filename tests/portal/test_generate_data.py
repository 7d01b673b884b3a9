"""`generate_data --scale`: a tiny city (500 persons) generated once for the module, on PostgreSQL."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from portal.generate import CITY_CASES, CITY_EMPLOYERS, CITY_PERSONS, parse_scale
from portal.generate.employment import zipf_sizes

SCALE = 0.0005  # 500 persons, 20 employers, 1,000 cases


@pytest.fixture(scope="module")
def generated(seeded_demo, django_db_blocker):
    """What the demo holds before, the command's output, and the generated rows (rolled back with the demo)."""
    from django.db import connection

    from accounts.models import Employer, Person
    from workflow.models import Case

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("city-scale data is generated with PostgreSQL's SQL: set DATABASE_URL=postgres://...")
        before = {"person": Person.objects.order_by("-pk").values_list("pk", flat=True).first(),
                  "employer": Employer.objects.order_by("-pk").values_list("pk", flat=True).first(),
                  "case": Case.objects.order_by("-pk").values_list("pk", flat=True).first()}
        out = io.StringIO()
        call_command("generate_data", "--scale", str(SCALE), stdout=out)
        yield {"before": before, "output": out.getvalue()}


def test_the_scale_is_city_or_a_fraction():
    assert parse_scale("city") == 1.0
    assert parse_scale("0.1") == 0.1
    with pytest.raises(ValueError):
        parse_scale("0")


def test_employers_are_sized_by_a_zipf_law():
    sizes = zipf_sizes(480_000, 40_000)
    assert sum(sizes) == 480_000
    assert sum(1 for s in sizes if s < 10) / len(sizes) > 0.85  # most are small
    assert 3 <= sum(1 for s in sizes if s > 5000) <= 20  # a few are very large
    assert sum(zipf_sizes(7, 20)) == 7  # fewer people than employers: some have none


def test_counts_are_proportional_to_the_scale(generated, db):
    from accounts.models import Employer, Person
    from counter.models import Ticket
    from insurance.models import Contribution, Declaration, Enrolment
    from workflow.models import Case

    before = generated["before"]
    persons = Person.objects.filter(pk__gt=before["person"])
    # A number the demo already holds is skipped (one in a hundred thousand): hence a tolerance.
    assert CITY_PERSONS * SCALE * 0.99 <= persons.count() <= CITY_PERSONS * SCALE
    assert Employer.objects.filter(pk__gt=before["employer"]).count() == CITY_EMPLOYERS * SCALE
    assert Case.objects.filter(pk__gt=before["case"]).count() == CITY_CASES * SCALE
    insured = Enrolment.objects.filter(person__in=persons).values("person").distinct().count()
    assert 0.40 <= insured / persons.count() <= 0.65
    # Twelve months for every insured person and type (fewer for those who started or left within the year).
    rows = Contribution.objects.filter(person__in=persons).count()
    assert insured * 2 * 6 <= rows <= insured * 4 * 12
    assert Declaration.objects.filter(employer__pk__gt=before["employer"]).exists()
    assert Ticket.objects.exists()
    output = generated["output"]
    assert "persons" in output and "contributions" in output and "table sizes" in output
    assert "insurance_contribution" in output
    # The daily figures the beat would have rolled up over the generated period (the board and the overview read
    # them: the back offices' decided cases, the halls' intake).
    from workflow.models import DailyFiguresDay, DailyIntakeFigures, DailyOfficeFigures

    assert "daily roll-ups" in output and DailyFiguresDay.objects.count() >= 28 and DailyOfficeFigures.objects.exists()
    assert "intake rows" in output and DailyIntakeFigures.objects.filter(accepted__gt=0).exists()


def test_generated_rows_pass_the_models_validation(generated, db):
    from accounts.identifiers import is_valid_credit_code, is_valid_id_number
    from accounts.models import Employer, Person
    from counter.models import Ticket
    from employment.models import StatusPeriod
    from insurance.models import Contribution, Declaration, DeclarationLine, Enrolment, PaymentOrder
    from workflow.models import Case, CaseStep
    from workflow.rules.codes import is_valid_case_number, is_well_formed_tracking_code

    before = generated["before"]
    persons = Person.objects.filter(pk__gt=before["person"])
    assert all(is_valid_id_number(n) for n in persons.values_list("id_number", flat=True))
    employers = Employer.objects.filter(pk__gt=before["employer"])
    assert all(is_valid_credit_code(c) for c in employers.values_list("credit_code", flat=True))
    cases = Case.objects.filter(pk__gt=before["case"])
    assert all(is_valid_case_number(n) and is_well_formed_tracking_code(t)
               for n, t in cases.values_list("number", "tracking_code"))
    for model in (Person, Employer, Enrolment, StatusPeriod, Contribution, Declaration, DeclarationLine,
                  PaymentOrder, Case, CaseStep, Ticket):
        for row in model.objects.order_by("-pk")[:25]:
            row.full_clean()


def test_every_case_has_a_timeline_and_states_vary(generated, db):
    from workflow.models import Case

    cases = Case.objects.filter(pk__gt=generated["before"]["case"])
    assert not cases.filter(events__isnull=True).exists()
    states = set(cases.values_list("status", flat=True))
    assert {"completed", "rejected", "withdrawn"} <= states
    assert states & {"routed", "in_review", "supplement_requested"}
    assert not cases.exclude(status__in=["completed", "rejected", "withdrawn"]).filter(closed_at__isnull=False).exists()


def test_every_generated_case_has_the_public_timeline_the_services_would_keep(generated, db):
    from workflow.models import Case, PublicTimeline
    from workflow.selectors.timeline import public_timeline_compute

    cases = Case.objects.filter(pk__gt=generated["before"]["case"])
    assert not cases.filter(public_timeline__isnull=True).exists()
    for case_id in cases.order_by("-pk").values_list("pk", flat=True)[:20]:
        stored = PublicTimeline.objects.filter(case_id=case_id).values(*public_timeline_compute(case_id)).get()
        assert stored == public_timeline_compute(case_id)


def test_a_reviewer_can_decide_a_generated_case_of_every_service(generated, db):
    """Each service's completion runs on its generated case: a refusal the reviewer reads is fine, a crash is not
    (a labour filing once came without its form's workers, and approving it was a server error)."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from accounts.models import User
    from accounts.roles import Role
    from workflow.exceptions import WorkflowError
    from workflow.models import Case
    from workflow.services.cases import case_approve

    # One generated case of every time-limited service, put back into review as if it were still running.
    seen: dict[int, Case] = {}
    for case in (Case.objects.filter(pk__gt=generated["before"]["case"], service__kind="time_limited")
                 .select_related("service").order_by("pk")):
        seen.setdefault(case.service_id, case)
    assert len(seen) >= 10 and "labour.special_hours" in {case.service.code for case in seen.values()}
    Case.objects.filter(pk__in=[case.pk for case in seen.values()]).update(
        status="in_review", reviewer=None, decided_at=None, closed_at=None, paused_at=None)
    decided = []
    for case in Case.objects.filter(pk__in=[case.pk for case in seen.values()]).select_related("service"):
        reviewer = User.objects.filter(office_id=case.jurisdiction_office_id, groups__name=Role.REVIEWER.value).first()
        if reviewer is None:  # an office of the demo without reviewers (the generator leaves its cases routed)
            continue
        try:
            with transaction.atomic():
                case_approve(case=case, actor=reviewer)
                decided.append(case.service.code)
                transaction.set_rollback(True)
        except (WorkflowError, ValidationError) as refusal:
            assert str(refusal)  # refused with a message the reviewer reads (a complaint completes on its own page)
    assert "labour.special_hours" in decided  # its generated form holds the workers the filing records


def test_money_has_two_decimal_places_and_declarations_add_up(generated, db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""SELECT count(*) FROM insurance_contribution
                          WHERE scale(base) <> 2 OR scale(employer_part) <> 2 OR scale(individual_part) <> 2
                             OR scale(account_part) <> 2""")
        assert cursor.fetchone()[0] == 0
        cursor.execute("""SELECT count(*) FROM insurance_declaration d
                          WHERE d.employer_total <> (SELECT sum(employer_total) FROM insurance_declarationline l
                                                     WHERE l.declaration_id = d.id)""")
        assert cursor.fetchone()[0] == 0


def test_a_second_run_is_refused(generated, db):
    with pytest.raises(CommandError, match="already holds generated data"):
        call_command("generate_data", "--scale", str(SCALE), stdout=io.StringIO())


def test_persons_and_employers_flags_still_work(demo):
    from accounts.models import Employer, Person

    persons, employers = Person.objects.count(), Employer.objects.count()
    call_command("generate_data", "--persons", "30", "--employers", "3", "--seed", "4", stdout=io.StringIO())
    assert (Person.objects.count() - persons, Employer.objects.count() - employers) == (30, 3)


def test_a_database_other_than_postgresql_is_refused(db, monkeypatch):
    from django.db import connection

    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_data", "--scale", "0.001", stdout=io.StringIO())
