"""Silent certification (静默认证): a pensioner whose presence a counted record shows is proved, evidence linked."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from accounts.models import User
from insurance.models import Pension, ProofMethod, ProofOfLife
from insurance.rules import proof as proof_rules
from insurance.selectors.proof import silent_evidence_counted, silent_evidence_for
from insurance.services.pensions import proof_of_life_record

BATCH = 500


def proof_silent_certify(*, actor: User, today: date) -> int:
    """Prove every pensioner due, overdue or suspended whose presence since their last proof a counted record
    shows (the latest such record). Run by the daily sweep; safe to repeat: a record proves once (a unique
    constraint), and the proof moves the pensioner's last proof past it. Returns the number proved."""
    kinds = silent_evidence_counted()
    if not kinds or not ProofMethod.objects.filter(code=ProofMethod.Code.SILENT, counts=True).exists():
        return 0
    warn_until = today + timedelta(days=proof_rules.WARN_DAYS_BEFORE)
    candidates = (Pension.objects.filter(status__in=(Pension.Status.ACTIVE, Pension.Status.SUSPENDED),
                                         next_proof_due__lte=warn_until)
                  .select_related("person").order_by("pk"))
    proved, last = 0, 0
    while True:
        chunk = list(candidates.filter(pk__gt=last)[:BATCH])
        if not chunk:
            return proved
        for pension in chunk:
            evidence = silent_evidence_for(pension=pension, kinds=kinds, since=pension.last_proof_on)
            if evidence is None or ProofOfLife.objects.filter(evidence_kind=evidence.kind,
                                                              evidence_ref=evidence.ref).exists():
                continue
            try:
                with transaction.atomic():
                    proof_of_life_record(person=pension.person, method=ProofMethod.Code.SILENT, actor=actor,
                                         evidence=evidence)
            except IntegrityError:  # another run recorded the same evidence meanwhile
                continue
            proved += 1
        last = chunk[-1].pk
