"""Demo data of social insurance (after the accounts demo; running it twice changes nothing).

Most working-age demo persons are insured through one of the 20 demo employers with a contribution
history from 2024 (the first year with reference figures); older months are carried over from the
former system. Some persons pay as flexible-employment individuals (a few with a subsidy), those past
the statutory retirement age are pensioners (some due or overdue for proof of life), and cards are in
every state. The last month is declared through the real services: most employers have paid it, a few
have not yet.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import Employer, Office, Person, User
from accounts.selectors import POINT_LEVELS
from accounts.services import resident_user_create, system_user
from insurance.models import (
    EMPLOYEE_TYPES,
    Card,
    CarriedOverRecord,
    Contribution,
    Declaration,
    DeclarationLine,
    Enrolment,
    InsuredEmployer,
    Payer,
    PaymentOrder,
    Pension,
    ProofPhoto,
    Scheme,
)
from insurance.rules.contributions import ZERO, line_parts
from insurance.rules.months import add_months, iter_months, month_start
from insurance.rules.retirement import statutory_retirement_date
from insurance.selectors.reference import ReferenceBook, age_schedule
from insurance.services import (
    back_payment_record,
    card_activate,
    card_apply,
    card_batch_create,
    card_batch_deliver,
    card_issue,
    card_report_lost,
    declaration_submit,
    enrolment_start,
    flexible_contribution_record,
    insured_employer_register,
    payment_confirm,
    pension_grant,
    pension_payments_generate,
    proof_of_life_sweep,
    proof_photo_submit,
    statement_issue,
)
from insurance.services.uploads import WageRow
from workflow.registry import Channel

HISTORY_FROM = date(2024, 1, 1)
CARRIED_THROUGH = date(2023, 12, 1)


def _group(person: Person, index: int) -> str:
    if person.sex == Person.Sex.MALE:
        return "male"
    return "female_50" if index % 3 == 0 else "female_55"


def _plan(persons: list[Person], today: date, rng: random.Random) -> dict[str, list]:
    """Sort the demo persons into pensioners, flexible-employment individuals, employees and the rest."""
    plan: dict[str, list] = {"pensioners": [], "flexible": [], "employees": [], "none": []}
    for index, person in enumerate(persons):
        retires = statutory_retirement_date(person.birth_date, age_schedule(_group(person, index)))
        age = (today - person.birth_date).days // 365
        if retires <= today:
            plan["pensioners"].append((person, retires, _group(person, index)))
        elif age < 18 or index % 17 == 5:
            plan["none"].append(person)
        elif index % 11 == 3:
            plan["flexible"].append(person)
        else:
            plan["employees"].append(person)
    rng.shuffle(plan["employees"])
    return plan


def _carried(person: Person, through: date, rng: random.Random) -> None:
    """Months before the platform, from the former system: from age 20 (or 1992) to `through`."""
    start = max(date(person.birth_date.year + 20, 1, 1), date(1992, 1, 1))
    months = max(0, (through.year - start.year) * 12 + through.month - start.month + 1)
    months = int(months * rng.uniform(0.75, 1.0))
    if months <= 0:
        return
    CarriedOverRecord.objects.get_or_create(person=person, defaults={
        "through_month": through, "pension_months": months,
        "average_index": Decimal(str(round(rng.uniform(0.7, 1.6), 4))),
        "account_balance": Decimal(months * rng.randint(180, 420)), "source": "原系统数据（演示）"})


def _employees(plan, employers, rng, today) -> dict[int, tuple[Employer, date, Decimal, date | None]]:
    """person id -> (employer, first month, wage in 2024, last month or None) and their enrolments."""
    jobs = {}
    rows = []
    for i, person in enumerate(plan["employees"]):
        employer = employers[i % len(employers)]
        start = add_months(HISTORY_FROM, rng.choice([0, 0, 0, 3, 7, 12, 18]))
        wage = Decimal(rng.choice([3200, 4800, 5600, 6500, 7800, 9200, 12000, 16000, 26000]) + rng.randint(0, 999))
        left = add_months(start, rng.randint(8, 20)) if i % 19 == 7 else None
        left = left if left and left < month_start(today) else None
        jobs[person.pk] = (employer, start, wage, left)
        for kind in EMPLOYEE_TYPES:
            rows.append(Enrolment(person=person, insurance_type=kind, scheme=Scheme.EMPLOYEE, employer=employer,
                                  started_on=start, status=Enrolment.Status.ENDED if left else Enrolment.Status.ACTIVE,
                                  ended_on=add_months(left, 1) - timedelta(days=1) if left else None,
                                  end_reason=Enrolment.EndReason.LEFT_EMPLOYER if left else ""))
        if person.birth_date.year < 1975:
            _carried(person, CARRIED_THROUGH, rng)
    Enrolment.objects.bulk_create(rows)
    return jobs


def _history(jobs, last: date, book: ReferenceBook) -> None:
    """Declared and paid months from 2024 up to `last`, written in bulk by the same arithmetic."""
    by_month: dict[tuple[int, date], list] = {}
    for person_id, (employer, start, wage, left) in jobs.items():
        for month in iter_months(start, min(last, left or last)):
            grown = (wage * Decimal("1.03") ** (month.year - 2024)).quantize(Decimal("0.01"))
            by_month.setdefault((employer.pk, month), []).append((person_id, grown))
    classes = dict(InsuredEmployer.objects.values_list("employer_id", "industry_class"))
    actor = system_user()
    declarations, lines, contributions = [], [], []
    for (employer_id, month), people in sorted(by_month.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        limits = book.require_limits(month)
        rates = book.rates(EMPLOYEE_TYPES, month, industry_class=classes.get(employer_id, 1))
        declaration = Declaration(employer_id=employer_id, month=month, status=Declaration.Status.PAID,
                                  channel=Channel.ONLINE, created_by=actor, declared_by=actor, employees=len(people),
                                  declared_at=timezone.now())
        declarations.append(declaration)
        for person_id, wage in people:
            base, parts = line_parts(wage, limits, rates)
            employer_total = sum((p.employer for p in parts.values()), ZERO)
            individual_total = sum((p.individual for p in parts.values()), ZERO)
            declaration.total_base += base
            declaration.employer_total += employer_total
            declaration.individual_total += individual_total
            lines.append((declaration, DeclarationLine(person_id=person_id, wage=wage, base=base,
                                                       parts={k: p.as_json() for k, p in parts.items()},
                                                       employer_total=employer_total,
                                                       individual_total=individual_total)))
            paid_on = add_months(month, 1).replace(day=10)
            contributions += [Contribution(person_id=person_id, employer_id=employer_id, month=month,
                                           insurance_type=k, payer=Payer.EMPLOYER, base=base, employer_part=p.employer,
                                           individual_part=p.individual, account_part=p.account, paid_on=paid_on,
                                           status=Contribution.Status.PAID) for k, p in parts.items()]
    Declaration.objects.bulk_create(declarations, batch_size=500)
    orders = [PaymentOrder(number=f"JF{d.month:%Y%m}28D{d.employer_id:05d}", kind=PaymentOrder.Kind.DECLARATION,
                           declaration=d, employer_id=d.employer_id, amount=d.total, status=PaymentOrder.Status.PAID,
                           issued_at=timezone.now(), due_on=add_months(d.month, 1), paid_at=timezone.now(),
                           confirmed_by=actor, payment_channel=PaymentOrder.Channel.TAX,
                           reference=f"3370{d.month:%Y%m}{d.employer_id:08d}")
              for d in declarations]
    PaymentOrder.objects.bulk_create(orders, batch_size=500)
    for declaration, line in lines:
        line.declaration = declaration
    DeclarationLine.objects.bulk_create([line for _d, line in lines], batch_size=1000)
    order_of = {o.declaration_id: o for o in orders}
    for row, declaration in zip(contributions, [d for d, line in lines for _k in line.parts], strict=True):
        row.order = order_of[declaration.pk]
    Contribution.objects.bulk_create(contributions, batch_size=1000)


def _last_month(jobs, employers, month: date, actor: User) -> None:
    """The last month goes through the real services: 15 employers pay it, 5 have only declared."""
    for i, employer in enumerate(employers):
        people = [(pid, wage) for pid, (emp, start, wage, left) in jobs.items()
                  if emp.pk == employer.pk and start <= month and left is None]
        if not people:
            continue
        numbers = dict(Person.objects.filter(pk__in=[p for p, _w in people]).values_list("pk", "id_number"))
        rows = [WageRow(row=n, id_number=numbers[pid], name="", wage=str((wage * Decimal("1.0609")).quantize(
            Decimal("0.01")))) for n, (pid, wage) in enumerate(people, 1)]
        declaration = declaration_submit(employer=employer, month=month, rows=rows, actor=actor,
                                         channel=Channel.ONLINE)
        if i < 15:
            payment_confirm(order=declaration.orders.get(status=PaymentOrder.Status.ISSUED), actor=actor,
                            channel="tax", reference=f"DEMO{i:03d}")


def _flexible(plan, today: date, actor: User, rng: random.Random) -> None:
    last = add_months(month_start(today), -1)
    for i, person in enumerate(plan["flexible"]):
        start = add_months(HISTORY_FROM, rng.choice([0, 4, 9, 14]))
        enrolment_start(actor=actor, person=person, types=["pension", "medical"], started_on=start,
                        base_ratio=Decimal(rng.choice(["0.60", "0.60", "0.80", "1.00"])))
        share = Decimal("0.6667") if i % 4 == 0 else None
        flexible_contribution_record(person=person, months=list(iter_months(start, last)), actor=actor,
                                     subsidy_share=share, paid_on=today)


def _pensioners(plan, today: date, actor: User, rng: random.Random) -> None:
    granted = []
    for person, retires, group in plan["pensioners"]:
        _carried(person, min(month_start(retires), CARRIED_THROUGH), rng)
        record = CarriedOverRecord.objects.filter(person=person).first()
        if record is None or record.pension_months < 180:
            CarriedOverRecord.objects.update_or_create(person=person, defaults={
                "through_month": min(month_start(retires), CARRIED_THROUGH),
                "pension_months": 180 + rng.randint(0, 200), "average_index": Decimal("1.0000"),
                "account_balance": Decimal("60000"), "source": "原系统数据（演示）"})
        granted.append(pension_grant(person=person, actor=actor, retirement_date=retires, group=group))
    # Proof of life: a few due within the month, two overdue (the sweep suspends them), the rest recent.
    for i, pension in enumerate(granted):
        if i % 6 == 1:
            last = add_months(today, -12) + timedelta(days=rng.randint(3, 25))
        elif i % 9 == 4:
            last = add_months(today, -13)
        else:
            last = add_months(today, -rng.randint(0, 10))
        Pension.objects.filter(pk=pension.pk).update(last_proof_on=last, next_proof_due=add_months(last, 12))
    proof_of_life_sweep(actor=actor, today=today)


def _cards(plan, jobs, actor: User) -> None:
    """Cards in every state: most active; some waiting, in production, ready at a hall, issued, lost."""
    # The district and city halls (cards are not produced for the street and community service points).
    halls = list(Office.objects.filter(kind=Office.Kind.HALL).exclude(region__level__in=POINT_LEVELS).order_by("code"))
    holders = [p for p in plan["employees"] if jobs[p.pk][3] is None] + [p for p, _r, _g in plan["pensioners"]]
    long_ago = timezone.now() - timedelta(days=400)
    active = [Card(person=p, number=f"SD9{p.pk:07d}", status=Card.Status.ACTIVE, hall=halls[i % len(halls)],
                   applied_at=long_ago, ready_at=long_ago + timedelta(days=20), issued_at=long_ago + timedelta(days=25),
                   activated_at=long_ago + timedelta(days=25)) for i, p in enumerate(holders[36:])]
    Card.objects.bulk_create(active)
    first = holders[:36]
    for i, person in enumerate(first):
        card_apply(person=person, actor=actor, hall=halls[i % len(halls)])
    # Each hall sends its own cards: per hall, 4 delivered (ready), 1 in production, the last still waiting.
    delivered = []
    for hall in halls:
        delivered.append(card_batch_create(actor=actor, hall=hall, limit=4))
        card_batch_create(actor=actor, hall=hall, limit=1)
        card_batch_deliver(batch=delivered[-1], actor=actor, hall=hall)
    for card in Card.objects.filter(batch__in=delivered).order_by("pk")[:18]:
        card_issue(card=card, actor=actor)
    for person in first[:12]:
        if Card.objects.filter(person=person, status=Card.Status.ISSUED).exists():
            card_activate(person=person, actor=actor)
    card_report_lost(person=first[0], actor=actor)


def _portrait(seed: int) -> ContentFile:
    """A drawn stand-in for a photo (a head and shoulders in flat colours): the demo holds no real person's face."""
    import io

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (240, 320), tuple(rng.randint(170, 230) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    skin = (rng.randint(200, 235), rng.randint(160, 190), rng.randint(130, 160))
    draw.ellipse((70, 60, 170, 180), fill=skin)
    draw.rectangle((40, 210, 200, 320), fill=tuple(rng.randint(30, 120) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def _proof_photos(plan, actor: User) -> None:
    """Three photos waiting in the review queue: two sent from a phone, one from a kiosk; the first pensioner's
    card has a photo on file, the others have none (the reviewer is told so)."""
    pensions = list(Pension.objects.filter(person__in=[p for p, _r, _g in plan["pensioners"]],
                                           status=Pension.Status.ACTIVE).select_related("person").order_by("pk")[:3])
    hall = Office.objects.filter(kind=Office.Kind.HALL).order_by("code").first()
    for i, pension in enumerate(pensions):
        if i == 0:
            card = Card.objects.filter(person=pension.person).order_by("-applied_at").first()
            if card is not None:
                card.photo.save("card.jpg", _portrait(pension.pk), save=True)
        channel = ProofPhoto.Channel.KIOSK if i == 2 else ProofPhoto.Channel.ONLINE
        proof_photo_submit(person=pension.person, upload=_portrait(pension.pk + (0 if i == 0 else 7)), actor=actor,
                           channel=channel, office=hall if channel == ProofPhoto.Channel.KIOSK else None)


def _life_event_resident(plan, today: date) -> str:
    """An online login (the demo password) for an insured man whose statutory retirement comes within a year:
    he can apply for the retirement life event (一件事) online. His user name is his identity number."""
    for person in sorted(plan["employees"], key=lambda p: p.pk):
        retires = statutory_retirement_date(person.birth_date, age_schedule("male"))
        if (person.sex == Person.Sex.MALE and today < retires <= today + timedelta(days=365)
                and CarriedOverRecord.objects.filter(person=person, pension_months__gte=180).exists()
                and not User.objects.filter(person=person).exists()):
            resident_user_create(person=person, password=DEMO_PASSWORD)
            return person.id_number
    return ""


@transaction.atomic
def seed() -> dict:
    employers = list(Employer.objects.order_by("pk")[:20])
    if not employers or InsuredEmployer.objects.filter(employer__in=employers).exists():
        return {}
    rng = random.Random(4405)
    today = timezone.localdate()
    actor = system_user()
    persons = list(Person.objects.filter(date_of_death__isnull=True).order_by("pk")[:200])
    plan = _plan(persons, today, rng)
    for i, employer in enumerate(employers):
        insured_employer_register(employer=employer, industry_class=1 + i % 8, on=HISTORY_FROM)
    jobs = _employees(plan, employers, rng, today)
    book = ReferenceBook()
    last = add_months(month_start(today), -1)
    _history(jobs, add_months(last, -1), book)
    _last_month(jobs, employers, last, actor)
    _flexible(plan, today, actor, rng)
    _pensioners(plan, today, actor, rng)
    _cards(plan, jobs, actor)
    _proof_photos(plan, actor)
    someone = next(p for p in plan["employees"] if jobs[p.pk][1] > HISTORY_FROM and jobs[p.pk][3] is None)
    employer, start = jobs[someone.pk][0], jobs[someone.pk][1]
    back_payment_record(person=someone, employer=employer, first_month=add_months(start, -3),
                        last_month=add_months(start, -1), types=list(EMPLOYEE_TYPES), wage=Decimal("5200"),
                        actor=actor)
    pension_payments_generate(month=month_start(today))  # this month's pensions, for the demo's payment batches
    resident = User.objects.filter(kind=User.Kind.RESIDENT).order_by("pk").first()
    if resident is not None:
        statement_issue(person=resident.person, year=today.year - 1, actor=actor, channel=Channel.ONLINE)
    return {"employees": len(plan["employees"]), "flexible": len(plan["flexible"]),
            "pensioners": len(plan["pensioners"]), "retiring_resident": _life_event_resident(plan, today)}
