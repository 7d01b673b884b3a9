"""Every write of social insurance, by topic: one transaction each, the actor passed in."""

from insurance.services.cards import (
    card_activate,
    card_apply,
    card_apply_batch,
    card_batch_create,
    card_batch_deliver,
    card_issue,
    card_replace,
    card_report_lost,
    cards_cancel,
)
from insurance.services.claims import injury_decision_record, injury_report_register, reimbursement_decide
from insurance.services.contributions import back_payment_record, flexible_contribution_record
from insurance.services.death import person_death_close
from insurance.services.declarations import (
    declaration_correct,
    declaration_declare,
    declaration_prepare,
    declaration_submit,
)
from insurance.services.enrolment import (
    enrolment_end,
    enrolment_start,
    enrolment_suspend,
    enrolments_close_all,
    insured_employer_register,
)
from insurance.services.payments import order_issue, payment_confirm
from insurance.services.pension_payments import (
    pension_payment_payable_again,
    pension_payment_result_record,
    pension_payments_generate,
)
from insurance.services.pensions import pension_grant, pension_stop, proof_of_life_record, retirement_assess
from insurance.services.proof import proof_of_life_sweep
from insurance.services.proof_photo import (
    proof_photo_confirm,
    proof_photo_face_check,
    proof_photo_face_checks,
    proof_photo_refuse,
    proof_photo_submit,
)
from insurance.services.proof_silent import proof_silent_certify
from insurance.services.statements import statement_issue, statement_matches
from insurance.services.uploads import wage_rows_from_text, wage_rows_parse

__all__ = [
    "back_payment_record", "card_activate", "card_apply", "card_apply_batch", "card_batch_create",
    "card_batch_deliver", "card_issue", "card_replace", "card_report_lost", "cards_cancel", "declaration_correct",
    "declaration_declare", "declaration_prepare", "declaration_submit", "enrolment_end", "enrolment_start",
    "enrolment_suspend", "enrolments_close_all", "flexible_contribution_record", "injury_decision_record",
    "injury_report_register", "insured_employer_register", "order_issue", "payment_confirm", "pension_grant",
    "pension_payment_payable_again", "pension_payment_result_record", "pension_payments_generate", "pension_stop",
    "person_death_close", "proof_of_life_record", "proof_of_life_sweep", "proof_photo_confirm",
    "proof_photo_face_check", "proof_photo_face_checks", "proof_photo_refuse", "proof_photo_submit",
    "proof_silent_certify", "reimbursement_decide",
    "retirement_assess", "statement_issue", "statement_matches", "wage_rows_from_text", "wage_rows_parse",
]
