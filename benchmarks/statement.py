"""A rights statement for a person with 30 years of monthly contributions (goal: under 1 s)."""

from datetime import date
from decimal import Decimal

from harness import report, scratch_database, timed


def setup():
    from accounts.generate import generate_persons
    from accounts.models import Person
    from accounts.services import system_user
    from insurance.models import EMPLOYEE_TYPES, Contribution
    from insurance.rules.months import add_months

    generate_persons(1, seed=5)
    person = Person.objects.order_by("pk").first()
    rows = []
    for i in range(360):  # 1996-01 .. 2025-12
        month = add_months(date(1996, 1, 1), i)
        base = Decimal(2000 + i * 20)
        for kind in EMPLOYEE_TYPES:
            rows.append(Contribution(
                person=person, month=month, insurance_type=kind, payer="employer", base=base,
                employer_part=(base * Decimal("0.16")).quantize(Decimal("0.01")),
                individual_part=(base * Decimal("0.08")).quantize(Decimal("0.01")) if kind != "work_injury" else 0,
                account_part=(base * Decimal("0.08")).quantize(Decimal("0.01")) if kind == "pension" else 0,
                paid_on=add_months(month, 1)))
    Contribution.objects.bulk_create(rows)
    return person, system_user()


def main() -> None:
    results: dict = {}
    with scratch_database():
        from insurance.selectors import statement_by_code
        from insurance.services import statement_issue

        person, actor = setup()
        statement_issue(person=person, year=2000, actor=actor, channel="counter")  # warm: fonts, templates
        for year in (2025, 2010):
            label = f"statement {year} (30 years on record)"
            with timed(label, results):
                statement = statement_issue(person=person, year=year, actor=actor, channel="counter")
            results[label]["pdf_bytes"] = len(bytes(statement.pdf))
        with timed("verify its code", results):
            assert statement_by_code(code=statement.code) is not None
    report("rights statement", results, "goal: under 1 s")


if __name__ == "__main__":
    main()
