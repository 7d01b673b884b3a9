"""The daily proof-of-life sweep: silent certification first, then warn those still due (once per due period,
with the nearest point), suspend those overdue."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.text import recorded
from insurance.models import Pension
from insurance.notifications import sms
from insurance.rules import proof as proof_rules
from insurance.selectors.proof import nearest_point
from insurance.services.proof_silent import proof_silent_certify
from workflow.models import OutboundMessage
from workflow.sms import sms_kind_register

DUE_TEXT = sms_kind_register("insurance.proof-due", gettext_lazy(
    "Your yearly proof of life is due by %(due)s. Prove it at a self-service kiosk, online or at any "
    "service hall, or your pension will be suspended."))
SUSPENDED_TEXT = sms_kind_register("insurance.proof-suspended", gettext_lazy(
    "Your pension is suspended: no proof of life since %(last)s. It is paid again as soon as you prove "
    "it at a kiosk, online or at a service hall."))
DUE_POINT_TEXT = sms_kind_register("insurance.proof-due-point", gettext_lazy(
    "Your yearly proof of life is due by %(due)s. The nearest place to prove it in person: %(hall)s. You may "
    "also send a photo online or at a kiosk, or your pension will be suspended."))
# Why the pension changed, as its history records it (in the bureau's record language).
SUSPENDED = gettext_lazy("Proof of life overdue: payment suspended")
BATCH = 500


def _warn(pensions: list[Pension], points: dict) -> int:
    keys = {p.pk: f"proof-due:{p.pk}:{p.next_proof_due:%Y%m%d}" for p in pensions}
    sent = set(OutboundMessage.objects.filter(key__in=[f"insurance:{k}" for k in keys.values()]).values_list(
        "key", flat=True))
    warned = 0
    for pension in pensions:
        if f"insurance:{keys[pension.pk]}" in sent:
            continue
        region_id = pension.person.residence_region_id
        if region_id not in points:  # one lookup per region of residence in the run
            points[region_id] = nearest_point(region=pension.person.residence_region)
        point, due = points[region_id], f"{pension.next_proof_due:%Y-%m-%d}"
        if point is None:
            sms(key=keys[pension.pk], phone=pension.person.phone, text=DUE_TEXT, params={"due": due})
        else:
            sms(key=keys[pension.pk], phone=pension.person.phone, text=DUE_POINT_TEXT,
                params={"due": due, "hall": point.name})
        warned += 1
    return warned


def _suspend(pension: Pension, actor: User, today: date) -> None:
    pension.status, pension.suspended_on = Pension.Status.SUSPENDED, today
    pension._history_user, pension._change_reason = actor, recorded(SUSPENDED)
    pension.save()
    sms(key=f"proof-suspended:{pension.pk}:{pension.next_proof_due:%Y%m%d}", phone=pension.person.phone,
        text=SUSPENDED_TEXT, params={"last": f"{pension.last_proof_on:%Y-%m-%d}"})


def proof_of_life_sweep(*, actor: User, today: date | None = None) -> dict:
    """Run once a day (Celery beat). Safe to repeat: warnings are keyed per due date, suspension happens once."""
    today = today or timezone.localdate()
    silent = proof_silent_certify(actor=actor, today=today)
    warn_until = today + timedelta(days=proof_rules.WARN_DAYS_BEFORE)
    due = Pension.objects.filter(status=Pension.Status.ACTIVE, next_proof_due__gte=today,
                                 next_proof_due__lte=warn_until).select_related("person__residence_region").order_by("pk")
    warned, points = 0, {}
    last = 0
    while True:
        chunk = list(due.filter(pk__gt=last)[:BATCH])
        if not chunk:
            break
        with transaction.atomic():
            warned += _warn(chunk, points)
        last = chunk[-1].pk
    suspended = 0
    overdue = Pension.objects.filter(status=Pension.Status.ACTIVE, next_proof_due__lt=today).values_list(
        "pk", flat=True)
    for pk in list(overdue):
        with transaction.atomic():
            pension = Pension.objects.select_for_update(of=("self",)).select_related("person").get(pk=pk)
            if pension.status == Pension.Status.ACTIVE and pension.next_proof_due < today:
                _suspend(pension, actor, today)
                suspended += 1
    return {"silent": silent, "warned": warned, "suspended": suspended}
