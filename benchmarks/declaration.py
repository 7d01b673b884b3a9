"""An employer with 5,000 insured employees declares a month and pays it (goal: under 10 s each step, bulk
queries not per employee). Prints the time and query count of each step."""

from datetime import date

from harness import report, scratch_database, timed

EMPLOYEES = 5000
MONTH = date(2026, 3, 1)


def setup():
    from accounts.generate import generate_employers, generate_persons
    from accounts.models import Employer, Person
    from accounts.services import system_user
    from insurance.models import EMPLOYEE_TYPES, Enrolment, Scheme
    from insurance.services import insured_employer_register

    generate_persons(EMPLOYEES, seed=11)
    generate_employers(1, seed=11)
    employer = Employer.objects.order_by("pk").first()
    insured_employer_register(employer=employer, industry_class=3)
    persons = list(Person.objects.order_by("pk")[:EMPLOYEES])
    Enrolment.objects.bulk_create([
        Enrolment(person=p, insurance_type=kind, scheme=Scheme.EMPLOYEE, employer=employer, started_on=date(2025, 1, 1))
        for p in persons for kind in EMPLOYEE_TYPES], batch_size=5000)
    return employer, persons, system_user()


def wage_list(persons) -> bytes:
    """The employer's upload: a GBK CSV as exported by a payroll spreadsheet, wages around the range."""
    lines = ["身份证号码,姓名,缴费工资"]
    for i, person in enumerate(persons):
        lines.append(f"{person.id_number},{person.name},{3000 + (i * 37) % 25000}.{i % 100:02d}")
    return "\n".join(lines).encode("gb18030")


def main() -> None:
    results: dict = {}
    with scratch_database():
        from insurance.models import Contribution
        from insurance.services import declaration_submit, payment_confirm, wage_rows_parse

        employer, persons, actor = setup()
        content = wage_list(persons)
        with timed("parse the 5,000-row CSV upload", results):
            rows = wage_rows_parse(file_name="wages.csv", content=content)
        with timed("declare: check, compute, save 5,000 lines, issue order", results):
            declaration = declaration_submit(employer=employer, month=MONTH, rows=rows, actor=actor,
                                             channel="counter")
        results["declare: check, compute, save 5,000 lines, issue order"]["total"] = str(declaration.total)
        with timed("declare the same month again (changes nothing)", results):
            same = declaration_submit(employer=employer, month=MONTH, rows=rows, actor=actor, channel="counter")
        assert same.pk == declaration.pk
        with timed("pay: 20,000 paid contributions recorded", results):
            payment_confirm(order=declaration.orders.get(status="issued"), actor=actor, channel="bank",
                            reference="BENCH")
        results["pay: 20,000 paid contributions recorded"]["rows"] = Contribution.objects.filter(
            employer=employer, month=MONTH).count()
    report("declaration (5,000 employees)", results, "goal: each step under 10 s, queries independent of size")


if __name__ == "__main__":
    main()
