"""What the employer should know or do now: orders to pay, the month to declare, material asked for, decisions,
cards ready, the prompts the domain rules raise for it, and the messages sent about its cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Employer, User
from accounts.money import MoneySum
from insurance.models import Card, Declaration, PaymentOrder
from insurance.rules.months import month_start
from insurance.selectors import employer_insured_employees, staff_card_counts
from insurance.selectors.employers import orders_visible_to
from workflow import profiles
from workflow.models import Case, OutboundMessage
from workflow.rules.states import Status

DUE_SOON_DAYS = 7
DECIDED_RECENTLY_DAYS = 14
LEVELS = {"danger": 0, "warn": 1, "info": 2}


@dataclass(frozen=True)
class Notice:
    level: str  # "danger", "warn" or "info"
    title: str
    detail: str = ""
    url: str = ""


def _orders(user: User, today: date) -> list[Notice]:
    late = Q(due_on__lt=today)
    near = Q(due_on__gte=today, due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
    sums = orders_visible_to(user=user).filter(status=PaymentOrder.Status.ISSUED).aggregate(  # one query
        late_n=Count("pk", filter=late), late_total=MoneySum("amount", filter=late),
        near_n=Count("pk", filter=near), near_total=MoneySum("amount", filter=near))
    overdue = {"n": sums["late_n"], "total": sums["late_total"]}
    soon = {"n": sums["near_n"], "total": sums["near_total"]}
    url = reverse("employer:declarations")
    found = []
    if overdue["n"]:
        found.append(Notice("danger", ngettext("%(n)d payment order is past its due date",
                                               "%(n)d payment orders are past their due date", overdue["n"])
                            % {"n": overdue["n"]}, _("%(total)s yuan") % {"total": overdue["total"]}, url))
    if soon["n"]:
        found.append(Notice("warn", ngettext("%(n)d payment order falls due within a week",
                                             "%(n)d payment orders fall due within a week", soon["n"])
                            % {"n": soon["n"]}, _("%(total)s yuan") % {"total": soon["total"]}, url))
    return found


_UNREAD = object()


def _month(employer: Employer, today: date, declaration=_UNREAD) -> list[Notice]:
    month = month_start(today)
    if declaration is _UNREAD:
        current = (Declaration.objects.filter(employer=employer, month=month)
                   .exclude(status=Declaration.Status.SUPERSEDED).values_list("pk", "status").first())
    else:
        current = (declaration.pk, declaration.status) if declaration is not None else None
    label = f"{month:%Y-%m}"
    if current is None:
        if not employer_insured_employees(employer=employer).exists():
            return []
        return [Notice("warn", _("%(month)s is not declared yet") % {"month": label},
                       _("Declare the month's wages online or upload the wage list."),
                       reverse("employer:declaration-form") + f"?month={label}")]
    if current[1] == Declaration.Status.DRAFT:
        return [Notice("warn", _("The declaration of %(month)s is a draft") % {"month": label},
                       _("Check it and confirm it to receive the payment order."),
                       reverse("employer:declaration", kwargs={"declaration_id": current[0]}))]
    return []


# What a case's notice shows: its number, status and service's name (not the case's data and every other column).
_NOTICE_FIELDS = ("number", "status", "service__name_zh", "service__name_en")


def _cases(employer: Employer, today: date) -> list[Notice]:
    since = timezone.now() - timedelta(days=DECIDED_RECENTLY_DAYS)
    rows = (Case.objects.filter(employer=employer, status=Status.SUPPLEMENT_REQUESTED).select_related("service")
            .only(*_NOTICE_FIELDS).order_by("-updated_at")[:10])
    found = [Notice("danger", _("Case %(number)s is waiting for material") % {"number": c.number}, c.service.name,
                    reverse("employer:case", kwargs={"number": c.number})) for c in rows]
    # Time-limited cases only: what was finished on the spot the employer saw finish.
    decided = (Case.objects.filter(employer=employer, decided_at__gte=since,
                                   status__in=[Status.APPROVED, Status.REJECTED, Status.COMPLETED])
               .filter(deadline__isnull=False).select_related("service").only(*_NOTICE_FIELDS)
               .order_by("-decided_at")[:10])
    for c in decided:
        found.append(Notice("info", _("Case %(number)s was decided: %(status)s")
                            % {"number": c.number, "status": c.get_status_display()}, c.service.name,
                            reverse("employer:case", kwargs={"number": c.number})))
    return found


def _cards(employer: Employer) -> list[Notice]:
    ready = staff_card_counts(employer=employer).get(Card.Status.READY, 0)
    if not ready:
        return []
    return [Notice("info", ngettext("%(n)d staff card is ready for collection",
                                    "%(n)d staff cards are ready for collection", ready) % {"n": ready},
                   _("Each holder collects their card at the hall with their identity card."),
                   reverse("employer:cards"))]


def _prompts(employer: Employer) -> list[Notice]:
    return [Notice("warn", str(c.label), str(c.detail)) for c in profiles.prompts(employer, subject_kind="employer")
            if not c.passed]


def notices_for(*, user: User, today: date | None = None, month_declaration=_UNREAD) -> list[Notice]:
    """Everything to know now, the most urgent first (a fixed number of queries). A page that has read this
    month's current declaration of the employer (or found none: None) passes it as month_declaration."""
    employer = user.employer
    today = today or timezone.localdate()
    found = [*_orders(user, today), *_month(employer, today, month_declaration), *_cases(employer, today),
             *_cards(employer), *_prompts(employer)]
    return sorted(found, key=lambda n: LEVELS.get(n.level, 3))


def messages_for(*, employer: Employer, limit: int = 30) -> list[OutboundMessage]:
    """The latest text messages sent about the employer's cases (the phone number is not shown)."""
    return list(OutboundMessage.objects.filter(case__employer=employer).select_related("case")
                .only("created_at", "body", "status", "case__number").order_by("-created_at", "-pk")[:limit])
