"""Reads of contributions: histories, paid months, subsidies, personal-account balances (fixed query counts)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, Max, Q, QuerySet

from accounts import memo
from accounts.models import Person
from accounts.money import MoneySum
from insurance.models import (
    CarriedOverRecord,
    Contribution,
    Declaration,
    DeclarationLine,
    Enrolment,
    InsuranceType,
    Payer,
)
from insurance.rules.contributions import ZERO
from insurance.rules.months import add_months, month_start

PAID = Contribution.Status.PAID


def paid_months(*, person: Person, insurance_type: str, start: date | None = None, end: date | None = None) -> int:
    """Distinct months of one type paid for the person in [start, end] (1 query)."""
    rows = Contribution.objects.filter(person=person, insurance_type=insurance_type, status=PAID)
    if start is not None:
        rows = rows.filter(month__gte=month_start(start))
    if end is not None:
        rows = rows.filter(month__lte=end)
    return rows.values("month").distinct().count()


def unemployment_paid_months(*, person: Person, start: date | None = None, end: date | None = None) -> int:
    """Months of unemployment insurance paid in a window: what the benefit duration rests on (1 query)."""
    return paid_months(person=person, insurance_type=InsuranceType.UNEMPLOYMENT, start=start, end=end)


def contribution_totals(*, person: Person) -> list[dict]:
    """The person's contributions added up per year, type and status (1 query; once per `accounts.memo.read_once()`
    block): what the history, the summary and the owed prompt of one page all read, in one pass over the person's
    rows instead of three."""
    def read() -> list[dict]:
        return list(Contribution.objects.filter(person=person)
                    .values("month__year", "insurance_type", "status")
                    .annotate(months=Count("month", distinct=True), last=Max("month"), base_max=Max("base"),
                              employer=MoneySum("employer_part"), individual=MoneySum("individual_part"),
                              account=MoneySum("account_part"))
                    .order_by("month__year", "insurance_type", "status"))

    return memo.once(("insurance.contribution_totals", person.pk), read)


def contribution_history(*, person: Person) -> list[dict]:
    """Per year and type: months paid, average base, employer and individual totals (1 query, shared with
    `contribution_summary` within `accounts.memo.read_once()`), for charts."""
    return [{"year": r["month__year"], "insurance_type": r["insurance_type"], "months": r["months"],
             "employer": r["employer"] or ZERO, "individual": r["individual"] or ZERO, "base": r["base_max"]}
            for r in contribution_totals(person=person) if r["status"] == PAID]


def contribution_summary(*, person: Person) -> dict:
    """A compact picture: months paid per type, the last month paid, owed rows, account balance (2 queries, of
    which `contribution_totals` is shared within `accounts.memo.read_once()`)."""
    totals = contribution_totals(person=person)
    per_type: dict[str, dict] = {}
    for row in totals:
        if row["status"] == PAID:
            paid = per_type.setdefault(row["insurance_type"], {"months": 0, "last": None, "account": ZERO})
            # Distinct months per year: a month belongs to one year, so the years' counts add up.
            paid["months"] += row["months"]
            paid["last"] = max(paid["last"] or row["last"], row["last"])
            paid["account"] += row["account"] or ZERO
    carried = carried_over(person=person)
    pension = per_type.get(InsuranceType.PENSION, {})
    balance = pension.get("account", ZERO) + (carried.account_balance if carried else ZERO)
    return {
        "types": [{"insurance_type": k, "label": InsuranceType(k).label, "months": per_type[k]["months"],
                   "last": per_type[k]["last"]} for k in InsuranceType.values if per_type.get(k, {}).get("months")],
        "carried_months": carried.pension_months if carried else 0,
        "carried_through": carried.through_month if carried else None,
        "pension_months": pension.get("months", 0) + (carried.pension_months if carried else 0),
        "account_balance": balance, "owed": _owed_total(totals),
    }


def _owed_total(totals: list[dict]) -> Decimal:
    """Employer and individual parts of the owed rows of `contribution_totals`."""
    return sum(((r["employer"] or ZERO) + (r["individual"] or ZERO) for r in totals
                if r["status"] == Contribution.Status.OWED), ZERO)


def owed_contributions(*, person: Person) -> dict:
    """What the person owes: {"months": distinct months owed over every type, "total": employer and individual
    parts} (a query only when `contribution_totals`, shared within `accounts.memo.read_once()`, shows owed rows:
    months owed for two types at once are counted once)."""
    owed = [r for r in contribution_totals(person=person) if r["status"] == Contribution.Status.OWED]
    if not owed:
        return {"months": 0, "total": ZERO}
    total = _owed_total(owed)
    if len({r["insurance_type"] for r in owed}) == 1:
        return {"months": sum(r["months"] for r in owed), "total": total}
    months = Contribution.objects.filter(person=person, status=Contribution.Status.OWED).values(
        "month").distinct().count()
    return {"months": months, "total": total}


def carried_over(*, person: Person) -> CarriedOverRecord | None:
    """The months the former system carried over to this platform, if any (1 query; once per
    `accounts.memo.read_once()` block)."""
    return memo.once(("insurance.carried_over", person.pk),
                     lambda: CarriedOverRecord.objects.filter(person=person).first())


def pension_record(*, person: Person) -> tuple[CarriedOverRecord | None, list[tuple[date, Decimal]], Decimal]:
    """What a pension rests on: the carried-over record, (month, base) of each pension month paid, and the
    personal-account balance (3 queries)."""
    carried = CarriedOverRecord.objects.filter(person=person).first()
    months = list(Contribution.objects.filter(person=person, insurance_type=InsuranceType.PENSION, status=PAID)
                  .exclude(payer=Payer.SUBSIDY).values("month").annotate(base=Max("base"))
                  .order_by("month").values_list("month", "base"))
    credited = Contribution.objects.filter(person=person, insurance_type=InsuranceType.PENSION, status=PAID).aggregate(
        total=MoneySum("account_part"))["total"] or ZERO
    return carried, months, credited + (carried.account_balance if carried else ZERO)


def receives_subsidy(*, person: Person, months: int = 3, today: date | None = None) -> bool:
    """Whether a social-insurance subsidy paid part of the person's contributions in recent months (1 query)."""
    since = add_months(month_start(today or date.today()), -months)
    return Contribution.objects.filter(person=person, payer=Payer.SUBSIDY, month__gte=since).exists()


def employer_months_for_person(*, person: Person, start: date, end: date) -> dict[int, list[date]]:
    """Months in which each employer declared or paid contributions for the person, in [start, end]
    (2 queries): the fraud check compares them with benefit months."""
    found: dict[int, set[date]] = defaultdict(set)
    paid = Contribution.objects.filter(person=person, employer__isnull=False, month__gte=month_start(start),
                                       month__lte=end).values_list("employer_id", "month").distinct()
    declared = DeclarationLine.objects.filter(
        person=person, declaration__month__gte=month_start(start), declaration__month__lte=end,
        declaration__status__in=[Declaration.Status.DECLARED, Declaration.Status.PAID],
    ).values_list("declaration__employer_id", "declaration__month")
    for employer_id, month in [*paid, *declared]:
        found[employer_id].add(month)
    return {employer_id: sorted(months) for employer_id, months in found.items()}


def employer_contributions(person_ref, month_ref) -> QuerySet:
    """Contributions an employer recorded for a person and month, as a correlated subquery for set-based
    sweeps: its rows carry "employer" (the employer's id). The references are OuterRef/F expressions (or
    values) naming the person's id and the month's first day."""
    return Contribution.objects.filter(person_id=person_ref, month=month_ref, employer__isnull=False).values(
        "employer")


def employer_declarations(person_ref, month_ref) -> QuerySet:
    """Declarations of a month that list the person (declared or paid, not a draft nor a superseded version),
    as a correlated subquery: its rows carry "employer"."""
    return DeclarationLine.objects.filter(
        person_id=person_ref, declaration__month=month_ref,
        declaration__status__in=[Declaration.Status.DECLARED, Declaration.Status.PAID],
    ).values(employer=F("declaration__employer"))


def employer_month_exists(person_ref, month_ref) -> Q:
    """A filter for set-based sweeps: an employer declared or recorded contributions for the person in the month."""
    return Q(Exists(employer_contributions(person_ref, month_ref))) | Q(
        Exists(employer_declarations(person_ref, month_ref)))


def flexible_contributions(*, person: Person, first: date, last: date) -> dict:
    """What a person paid as a flexible-employment individual in [first, last], all types, without the
    subsidy's share: {"months": [first days], "paid": Decimal} (1 query)."""
    rows = list(Contribution.objects.filter(person=person, payer=Payer.FLEXIBLE, status=PAID,
                                            month__gte=month_start(first), month__lte=last)
                .values("month").annotate(paid=MoneySum("individual_part")).order_by("month"))
    return {"months": [r["month"] for r in rows], "paid": sum((r["paid"] for r in rows), ZERO)}


def flexible_paid_exists(person_ref, first: date, last: date) -> Exists:
    """The person (an OuterRef or F naming their id) paid contributions as a flexible-employment individual for a
    month in [first, last]: a correlated filter for set-based finders."""
    return Exists(Contribution.objects.filter(person_id=person_ref, payer=Payer.FLEXIBLE, status=PAID,
                                              month__gte=month_start(first), month__lte=last))


EMPLOYER_SUBSIDISED_TYPES = (InsuranceType.PENSION, InsuranceType.MEDICAL, InsuranceType.UNEMPLOYMENT)


def employer_parts_paid(*, pairs: list[tuple[int, int]], first: date, last: date,
                        types=EMPLOYER_SUBSIDISED_TYPES) -> dict[tuple[int, int], dict[date, Decimal]]:
    """The employer part paid per month, for each (person id, employer id) pair, of the given types (by default
    basic pension, basic medical and unemployment insurance) in [first, last], without any subsidy's rows:
    {(person_id, employer_id): {month: Decimal}} (1 query whatever the pairs)."""
    if not pairs:
        return {}
    wanted = set(pairs)
    rows = (Contribution.objects.filter(person_id__in={p for p, _ in wanted}, employer_id__in={e for _, e in wanted},
                                        payer=Payer.EMPLOYER, status=PAID, insurance_type__in=list(types),
                                        month__gte=month_start(first), month__lte=last)
            .values("person_id", "employer_id", "month").annotate(paid=MoneySum("employer_part"))
            .order_by("person_id", "employer_id", "month"))
    found: dict[tuple[int, int], dict[date, Decimal]] = defaultdict(dict)
    for r in rows:
        key = (r["person_id"], r["employer_id"])
        if key in wanted and r["paid"]:
            found[key][r["month"]] = r["paid"]
    return dict(found)


def enrolments_started(*, since: date, until: date) -> QuerySet:
    """Open enrolments with an employer that started in [since, until], as rows of "person", "employer" and
    "started_on": for set-based finders of new hires (one query when evaluated)."""
    return (Enrolment.objects.filter(employer__isnull=False, started_on__gte=since, started_on__lte=until,
                                     ended_on__isnull=True).values("person", "employer", "started_on"))


def current_employer_id(*, person: Person) -> int | None:
    """The employer that paid the person's most recent contributions (1 query)."""
    return (Contribution.objects.filter(person=person, payer=Payer.EMPLOYER, status=PAID)
            .order_by("-month").values_list("employer_id", flat=True).first())


def statement_rows(*, person: Person, year: int) -> list[Contribution]:
    """Every contribution row of a person's year (1 query)."""
    return list(Contribution.objects.filter(person=person, month__year=year).order_by("month", "insurance_type",
                                                                                      "payer"))


def totals_before(*, person: Person, year: int) -> dict:
    """Months per type and the personal account credited before a year (1 query)."""
    rows = Contribution.objects.filter(person=person, status=PAID, month__lt=date(year, 1, 1)).values(
        "insurance_type").annotate(months=Count("month", distinct=True), account=MoneySum("account_part"))
    return {r["insurance_type"]: {"months": r["months"], "account": r["account"] or ZERO} for r in rows}
