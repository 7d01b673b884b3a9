"""Reads of the back office: who may open which case, work lists, the case page, the head's board, the overview."""

from workflow.rules.ontime import on_time_rate
from workflow.selectors.backoffice.casepage import (
    CasePage,
    case_materials,
    case_page,
    case_summary,
    office_reviewers,
    other_back_offices,
)
from workflow.selectors.backoffice.cases import (
    FILTERS,
    WORKING,
    case_actions,
    case_detail_queryset,
    cases_visible_to,
    may_see_cases,
    office_case_counts,
    office_case_list,
    office_open_cases,
    overdue_q,
)
from workflow.selectors.backoffice.intake import IntakeFigures, intake_by_office
from workflow.selectors.backoffice.stats import (
    alerts_for,
    city_overview,
    head_board,
    open_alerts,
    reviewer_loads,
)
from workflow.selectors.countdown import Countdown, case_countdown, working_duration

__all__ = [
    "FILTERS", "WORKING", "CasePage", "Countdown", "IntakeFigures", "alerts_for", "case_actions", "case_countdown",
    "case_detail_queryset", "case_materials", "case_page", "case_summary", "cases_visible_to", "city_overview",
    "head_board", "intake_by_office", "may_see_cases", "office_case_counts", "office_case_list",
    "office_open_cases", "office_reviewers", "on_time_rate", "open_alerts", "other_back_offices", "overdue_q",
    "reviewer_loads", "working_duration",
]
