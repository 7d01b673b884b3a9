"""Every write of employment services, by topic: one transaction each, the actor passed in."""

from employment.services.benefits import (
    benefit_grant,
    benefit_payments_generate,
    benefit_resume,
    benefit_stop,
    benefit_suspend,
    benefits_stop_for_contributions,
)
from employment.services.difficulty import difficulty_determine
from employment.services.fraud import (
    fraud_detect,
    fraud_flag,
    fraud_review_clear,
    fraud_review_confirm,
    fraud_review_open,
    fraud_reviews_open,
    fraud_sweep,
)
from employment.services.lifecycle import contributions_received, employment_death_record, facts_changed
from employment.services.payments import payment_result_record, payments_cancel, subsidy_payment_create
from employment.services.prompts import (
    prompt_raise,
    prompts_acted_on,
    prompts_prejudge,
    prompts_resolve,
    prompts_sweep,
)
from employment.services.status import (
    employment_end,
    employment_register,
    flexible_end,
    flexible_register,
    unemployment_register,
)
from employment.services.subsidies import subsidy_grant

__all__ = [
    "benefit_grant", "benefit_payments_generate", "benefit_resume", "benefit_stop", "benefit_suspend",
    "benefits_stop_for_contributions", "contributions_received", "difficulty_determine", "employment_death_record",
    "employment_end", "employment_register", "facts_changed", "flexible_end", "flexible_register", "fraud_detect",
    "fraud_flag", "fraud_review_clear", "fraud_review_confirm", "fraud_review_open", "fraud_reviews_open",
    "fraud_sweep", "payment_result_record", "payments_cancel", "prompt_raise", "prompts_acted_on",
    "prompts_prejudge", "prompts_resolve", "prompts_sweep", "subsidy_grant", "subsidy_payment_create",
    "unemployment_register",
]
