"""Labour's part of an employer's picture and of an office's board: the flag an employer with open wage
complaints carries on the counter desk and its own home page, and the employers with open wage complaints on
the office head's board. Each loader runs one query."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from labour.selectors import employers_with_open_wage_complaints, open_wage_complaint_count
from workflow.profiles import Section, register_prompts, register_section
from workflow.registry import Check


def employer_prompts(employer):
    count = open_wage_complaint_count(employer=employer)
    if count:
        yield Check(code="labour.open_wage_complaints", label=_("Open unpaid-wage complaints"), passed=False,
                    blocking=False, data={"count": count},
                    detail=gettext("%(count)s open complaints about unpaid wages") % {"count": count})


def office_board(office) -> dict:
    return {"rows": employers_with_open_wage_complaints(office=office)}


def register_all() -> None:
    register_prompts("labour", employer_prompts, subject="employer")
    register_section(Section(key="labour_wage_employers", title=_("Employers with open wage complaints"),
                             subject="office", template="labour/partials/_board_employers.html",
                             load=office_board, order=50))
