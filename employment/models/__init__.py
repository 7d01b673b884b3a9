"""employment models, by topic: status periods, difficulty and prompts, payments, the fraud check, rule tables."""

from employment.models.batches import (
    AccountCorrection,
    Bank,
    BatchLine,
    PayeeAccount,
    PaymentBatch,
    ReturnImport,
)
from employment.models.choices import (
    SEPARATION_REASONS,
    CertificateLevel,
    EndReason,
    Fund,
    PaymentItem,
    Situation,
    StatusKind,
    Subsidy,
)
from employment.models.difficulty import DifficultyDetermination, Prompt
from employment.models.fraud import FraudFlag, FraudReview
from employment.models.payments import BenefitClaim, Payment, SubsidyGrant
from employment.models.reference import BenefitLevel, FundRule, MinimumWage, SubsidyRule
from employment.models.status import StatusPeriod

__all__ = [
    "SEPARATION_REASONS", "AccountCorrection", "Bank", "BatchLine", "BenefitClaim", "BenefitLevel",
    "CertificateLevel", "DifficultyDetermination", "EndReason", "FraudFlag", "FraudReview", "Fund", "FundRule",
    "MinimumWage", "PayeeAccount", "Payment", "PaymentBatch", "PaymentItem", "Prompt", "ReturnImport", "Situation",
    "StatusKind", "StatusPeriod", "Subsidy", "SubsidyGrant", "SubsidyRule",
]
