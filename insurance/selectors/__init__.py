"""Reads of social insurance for views and for the apps above (employment reads insurance only from here).

Each function runs a fixed, small number of queries whatever the person's history. The signal
`contributions_recorded` is re-exported so that a higher app connects to it without importing more.
"""

from insurance.selectors.cards import card_of, cards_of_employer_staff, staff_card_counts
from insurance.selectors.contributions import (
    carried_over,
    contribution_history,
    contribution_summary,
    current_employer_id,
    employer_contributions,
    employer_declarations,
    employer_month_exists,
    employer_months_for_person,
    employer_parts_paid,
    enrolments_started,
    flexible_contributions,
    flexible_paid_exists,
    owed_contributions,
    paid_months,
    receives_subsidy,
    unemployment_paid_months,
)
from insurance.selectors.enrolment import (
    employer_insured_employees,
    enrolment_status,
    enrolment_status_bulk,
    is_insured,
)
from insurance.selectors.pensions import is_pensioner, pension_of, receives_pension, statutory_retirement_date
from insurance.selectors.statements import statement_by_code
from insurance.signals import contributions_declared, contributions_recorded

__all__ = [
    "card_of", "cards_of_employer_staff", "carried_over", "contribution_history", "contribution_summary",
    "contributions_declared", "contributions_recorded",
    "current_employer_id", "employer_contributions", "employer_declarations", "employer_insured_employees",
    "employer_month_exists", "employer_months_for_person", "employer_parts_paid",
    "enrolment_status", "enrolment_status_bulk", "enrolments_started", "flexible_contributions",
    "flexible_paid_exists", "is_insured",
    "is_pensioner", "owed_contributions",
    "paid_months", "pension_of", "receives_pension",
    "receives_subsidy", "staff_card_counts", "statement_by_code", "statutory_retirement_date",
    "unemployment_paid_months",
]
