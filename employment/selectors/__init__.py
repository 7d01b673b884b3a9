"""Reads of employment services for views and for the apps above (fixed query counts, scoped to who asks)."""

from employment.selectors.benefits import benefits_of, claims_visible_to, live_claim, payments_visible_to
from employment.selectors.prompts import open_prompts, prompt_counts, prompts_visible_to
from employment.selectors.status import (
    current_determination,
    current_period,
    employees_registered,
    employment_status_bulk,
    status_history,
)
from employment.selectors.subsidies import grants_of

__all__ = [
    "benefits_of", "claims_visible_to", "current_determination", "current_period", "employees_registered",
    "employment_status_bulk", "grants_of", "live_claim", "open_prompts", "payments_visible_to", "prompt_counts",
    "prompts_visible_to", "status_history",
]
