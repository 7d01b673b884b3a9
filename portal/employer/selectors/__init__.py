"""Reads of the employer's online service, each scoped to the employer of the user who asks."""

from portal.employer.selectors.cases import CaseRow, case_list, cases_of, for_rows, with_countdowns
from portal.employer.selectors.catalogue import COMPOSED, Entry, employer_catalogue, employer_entry
from portal.employer.selectors.colleagues import colleagues_of
from portal.employer.selectors.declarations import (
    FORM_LIMIT,
    WageLine,
    declarations_of,
    insured_for_form,
    insured_not_declared,
    live_orders,
    month_wages,
    with_status_labels,
)
from portal.employer.selectors.employees import (
    EmployeeRow,
    EmployeeState,
    employee_rows,
    employee_search,
    employee_state,
    employees_of,
)
from portal.employer.selectors.notices import Notice, messages_for, notices_for

__all__ = [
    "COMPOSED",
    "FORM_LIMIT",
    "CaseRow",
    "EmployeeRow",
    "EmployeeState",
    "Entry",
    "Notice",
    "WageLine",
    "case_list",
    "cases_of",
    "colleagues_of",
    "declarations_of",
    "employee_rows",
    "employee_search",
    "employee_state",
    "employees_of",
    "employer_catalogue",
    "employer_entry",
    "for_rows",
    "insured_for_form",
    "insured_not_declared",
    "live_orders",
    "messages_for",
    "month_wages",
    "notices_for",
    "with_countdowns",
    "with_status_labels",
]
