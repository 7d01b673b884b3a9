"""Pensioners: whether a person receives a pension, and who must prove they are alive."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import OuterRef, QuerySet, Subquery

from accounts import memo
from accounts.models import Person
from insurance.models import Pension, ProofMethod, ProofOfLife
from insurance.rules import proof as proof_rules


def pension_of(*, person: Person) -> Pension | None:
    """The person's pension, whatever its status (1 query; once per `accounts.memo.read_once()` block)."""
    return memo.once(("insurance.pension", person.pk), lambda: Pension.objects.filter(person=person).first())


def is_pensioner(*, person: Person) -> bool:
    """Retired with a pension (paid or suspended, not stopped) (1 query; inside `accounts.memo.read_once()` the
    pension read once for the page answers it, however many rules ask)."""
    if memo.active():
        pension = pension_of(person=person)
        return pension is not None and pension.status != Pension.Status.STOPPED
    return Pension.objects.filter(person=person).exclude(status=Pension.Status.STOPPED).exists()


def receives_pension(*, person: Person) -> bool:
    """The pension is being paid now (1 query)."""
    return Pension.objects.filter(person=person, status=Pension.Status.ACTIVE).exists()


def last_proof(*, pension: Pension) -> ProofOfLife | None:
    """The pension's latest proof of life with its method (1 query)."""
    return pension.proofs.select_related("method", "office").order_by("-proved_at", "-pk").first()


def pensioners_proof_due(*, persons: QuerySet[Person], today: date, state: str = "") -> QuerySet[Pension]:
    """Pensions whose proof of life is due within the warning period, overdue or suspended, among `persons`; each
    with `last_method`, the code of the method of its latest proof (None before the first)."""
    latest = ProofOfLife.objects.filter(pension=OuterRef("pk")).order_by("-proved_at", "-pk").values("method")[:1]
    pensions = (Pension.objects.filter(person__in=persons).select_related("person")
                .annotate(last_method=Subquery(latest)).order_by("next_proof_due", "pk"))
    warn_until = today + timedelta(days=proof_rules.WARN_DAYS_BEFORE)
    if state == "suspended":
        return pensions.filter(status=Pension.Status.SUSPENDED)
    if state == "due":
        return pensions.filter(status=Pension.Status.ACTIVE, next_proof_due__gte=today,
                               next_proof_due__lte=warn_until)
    return pensions.exclude(status=Pension.Status.STOPPED).filter(next_proof_due__lte=warn_until)


def proof_method_of(*, code: str) -> ProofMethod:
    """A proof-of-life method with the bureau's decision whether it counts (1 query)."""
    return ProofMethod.objects.get(code=code)


def proof_methods() -> dict[str, ProofMethod]:
    """Every proof-of-life method by code (1 query: a handful of rows)."""
    return ProofMethod.objects.in_bulk()


def statutory_retirement_date(*, person: Person, group: str = "") -> date:
    """The day a person reaches the statutory retirement age, by the bureau's schedule table (shared per process:
    no query while cached). The approval reads the same table (insurance.selectors.reference.age_schedule).

    Without a group: the men's schedule, or the women's 55 schedule (the women's 50 schedule applies to
    workers in certain posts, which only a retirement application establishes).
    """
    from insurance.rules.retirement import statutory_retirement_date as retirement_day
    from insurance.selectors.reference import age_schedule

    group = group or ("male" if person.sex == Person.Sex.MALE else "female_55")
    return retirement_day(person.birth_date, age_schedule(group))
