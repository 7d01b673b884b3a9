"""Reimbursement by the policy table, the 24-hour quick report, recognition deadlines, proof-of-life dates."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest

from insurance.rules import proof
from insurance.rules.claims import Policy, quick_report_is_late, recognition_deadline, reimbursement_amount
from insurance.rules.codes import format_code, new_code, normalize_code

LEVEL_3 = Policy(deductible=D("1000"), ratio=D("0.80"), yearly_cap=D("300000"))
LEVEL_1 = Policy(deductible=D("300"), ratio=D("0.90"), yearly_cap=D("300000"))


@pytest.mark.parametrize(("policy", "eligible", "before", "amount", "capped"), [
    (LEVEL_3, "25000", "0", "19200.00", False),  # (25,000 - 1,000) x 80%
    (LEVEL_3, "800", "0", "0.00", False),  # under the deductible
    (LEVEL_3, "25000", "290000", "10000.00", True),  # the yearly cap leaves 10,000
    (LEVEL_3, "25000", "300000", "0.00", True),
    (LEVEL_1, "12345.67", "0", "10841.10", False),  # 12,045.67 x 90% = 10,841.103
])
def test_reimbursement_by_level_with_deductible_and_cap(policy, eligible, before, amount, capped):
    result = reimbursement_amount(eligible=D(eligible), policy=policy, reimbursed_this_year=D(before))
    assert (result.amount, result.capped) == (D(amount), capped)


def test_a_quick_report_is_late_after_24_hours():
    accident = datetime(2026, 3, 2, 8, 30)
    assert not quick_report_is_late(accident, accident + timedelta(hours=24))
    assert quick_report_is_late(accident, accident + timedelta(hours=24, seconds=1))


def test_recognition_deadlines_employer_30_days_worker_one_year():
    assert recognition_deadline(date(2026, 1, 31), by_employer=True) == date(2026, 3, 2)
    assert recognition_deadline(date(2026, 1, 31), by_employer=False) == date(2027, 1, 31)


@pytest.mark.parametrize(("today", "state"), [
    ("2026-02-28", proof.OK), ("2026-03-01", proof.DUE), ("2026-03-31", proof.DUE), ("2026-04-01", proof.OVERDUE),
])
def test_proof_of_life_is_due_30_days_ahead_and_overdue_after_the_due_date(today, state):
    due = proof.next_due(date(2025, 3, 31))
    assert due == date(2026, 3, 31)
    assert proof.proof_state(due=due, today=date.fromisoformat(today)) == state


def test_a_proof_on_29_february_is_due_on_28_february():
    assert proof.next_due(date(2024, 2, 29)) == date(2025, 2, 28)


def test_verification_codes_cannot_be_mistyped_into_another_alphabet():
    code = new_code()
    assert len(code) == 16 and normalize_code(format_code(code).lower()) == code
    assert normalize_code("0OIL-1111-2222-3333") == ""  # ambiguous characters are not in the alphabet
    assert normalize_code("short") == ""
