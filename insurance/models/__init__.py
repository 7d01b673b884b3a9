"""insurance models, by topic: reference figures, enrolment, contributions, declarations, cards, pensions,
claims and rights statements."""

from insurance.models.cards import Card, CardBatch
from insurance.models.choices import EMPLOYEE_TYPES, FLEXIBLE_TYPES, InsuranceType, Payer, Scheme
from insurance.models.claims import InjuryDecision, InjuryReport, Reimbursement
from insurance.models.contributions import Contribution
from insurance.models.declarations import Declaration, DeclarationLine, PaymentOrder
from insurance.models.enrolment import CarriedOverRecord, Enrolment, InsuredEmployer
from insurance.models.pensions import Pension, ProofMethod, ProofOfLife
from insurance.models.reference import (
    ContributionBase,
    ContributionRate,
    MinimumContribution,
    PensionCalculationBase,
    PensionDivisor,
    ReimbursementPolicy,
    RetirementAgeRule,
)
from insurance.models.statements import RightsStatement
from insurance.models.tax import TaxPayment, TaxSubmission

__all__ = [
    "EMPLOYEE_TYPES", "FLEXIBLE_TYPES", "Card", "CardBatch", "CarriedOverRecord", "Contribution",
    "ContributionBase", "ContributionRate", "Declaration", "DeclarationLine", "Enrolment", "InjuryDecision",
    "InjuryReport", "InsuranceType", "InsuredEmployer", "MinimumContribution", "Payer", "PaymentOrder", "Pension",
    "PensionCalculationBase", "PensionDivisor", "ProofMethod", "ProofOfLife", "Reimbursement", "ReimbursementPolicy",
    "RetirementAgeRule", "RightsStatement", "Scheme", "TaxPayment", "TaxSubmission",
]
