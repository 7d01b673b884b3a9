"""The employee list's and the declaration list's rows, rendered in Python (portal/templatetags/employer_rows.py),
are byte for byte what the template loops rendered before (kept in tests/employer_online/reference/), in both
languages, with every branch of a row and values that need escaping."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation

from accounts.models import Person
from employment.models import StatusPeriod
from insurance.models import Card, Declaration, PaymentOrder
from portal.employer.selectors import EmployeeRow, with_status_labels
from portal.employer.selectors.employees import type_labels

REFERENCE = Path(__file__).parent / "reference"
EMPLOYER = 7
LANGUAGES = ["en", "zh-hans"]


def _render(source: str, context: dict) -> str:
    return engines["django"].from_string(source).render(context).strip()


def _employee_rows() -> list[EmployeeRow]:
    def person(pk, name, id_number="370502199001011234"):
        return Person(pk=pk, name=name, id_number=id_number)

    here = StatusPeriod(kind="employed", employer_id=EMPLOYER, started_on=date(2025, 3, 4))
    elsewhere = StatusPeriod(kind="employed", employer_id=EMPLOYER + 1, started_on=date(2024, 1, 1))
    flexible = StatusPeriod(kind="flexible", started_on=date(2024, 5, 6))
    unemployed = StatusPeriod(kind="unemployed", started_on=date(2024, 5, 6))
    insurance = {"pension": "active", "medical": "suspended", "unemployment": "ended"}
    labels = type_labels()
    rows = [
        (person(11, "O'Brien <b>&"), insurance, here, Card(status="ready")),
        (person(12, "张三"), {}, elsewhere, None),
        (person(13, '李"四"'), {"work_injury": "active"}, flexible, Card(status="active")),
        (person(14, "王五", "37050219900101123X"), insurance, unemployed, None),
        (person(15, "赵六", ""), {}, None, Card(status="applied")),
    ]
    return [EmployeeRow(person=p, insurance=ins, period=period, card=card, employer_id=EMPLOYER, labels=labels)
            for p, ins, period, card in rows]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_employee_rows_are_what_the_template_rendered(language):
    with translation.override(language):
        rows = _employee_rows()
        before = _render((REFERENCE / "employee_rows_before.html").read_text(), {"rows": rows})
        after = _render("{% load employer_rows %}<tbody>{% employee_rows rows %}</tbody>", {"rows": rows})
    assert "O&#x27;Brien &lt;b&gt;&amp;" in after and "李&quot;四&quot;" in after and "2025-03-04" in after
    assert after.count("<tr>") == 5 and after.count("badge-none") == 2 + 3 + 3 + 1 + 4
    assert after == before


def _totals(total: str) -> dict:
    return {"employer_total": Decimal(total) - Decimal("0.11"), "individual_total": Decimal("0.11")}


def _declarations() -> tuple[list[Declaration], list[PaymentOrder]]:
    def order(pk, declaration_id, status, *, kind="declaration", due=date(2026, 3, 15), number="PO<1>&"):
        return PaymentOrder(pk=pk, number=f"{number}{pk}", kind=kind, declaration_id=declaration_id,
                            status=status, amount=Decimal("12345.60"), due_on=due)

    declarations = [
        Declaration(pk=1, month=date(2026, 3, 1), version=1, status="paid", employees=12, **_totals("78901.23")),
        Declaration(pk=2, month=date(2026, 2, 1), version=2, status="draft", employees=1, **_totals("0.00")),
        Declaration(pk=3, month=date(2026, 1, 1), version=3, status="declared", employees=1234,
                    **_totals("1234567.89")),
    ]
    orders = {1: order(21, 1, "paid"), 3: order(23, 3, "issued")}
    for item in declarations:
        item.live_order = orders.get(item.pk)
    with_status_labels(declarations, Declaration)
    with_status_labels(list(orders.values()), PaymentOrder)
    unpaid = [order(31, 3, "issued", due=date(2026, 3, 9)), order(32, None, "issued", kind="back_payment"),
              order(33, 2, "issued", kind="correction", due=date(2026, 3, 10))]
    return declarations, unpaid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_declaration_rows_are_what_the_template_rendered(language):
    with translation.override(language):
        declarations, unpaid = _declarations()
        context = {"page": declarations, "unpaid": unpaid, "today": date(2026, 3, 10)}
        before = _render((REFERENCE / "declaration_rows_before.html").read_text(), context)
        after = _render("{% load employer_rows %}<tbody>{% unpaid_order_rows unpaid today %}</tbody>\n"
                        "<tbody>{% declaration_rows page %}</tbody>", context)
    assert "PO&lt;1&gt;&amp;31" in after and after.count("countdown-overdue") == 1 and "v3" in after
    assert after.count("<tr>") == 6
    assert after == before


def test_no_rows_no_markup():
    assert _render("{% load employer_rows %}{% employee_rows rows %}{% declaration_rows rows %}"
                   "{% unpaid_order_rows rows today %}", {"rows": [], "today": date(2026, 3, 10)}) == ""
