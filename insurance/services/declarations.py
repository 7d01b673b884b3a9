"""Employers' monthly declarations: validated lines, idempotent submission, corrections after payment."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.identifiers import canonical_id_number, names_match
from accounts.models import Employer, Person, User
from insurance.exceptions import InsuranceError, RowErrors
from insurance.models import Declaration, DeclarationLine, Enrolment, InsuredEmployer, PaymentOrder, Scheme
from insurance.rules.contributions import ZERO, Parts, line_parts
from insurance.rules.months import month_start
from insurance.selectors.reference import ReferenceBook
from insurance.services.enrolment import insured_employer_register
from insurance.services.payments import order_cancel_live, order_issue
from insurance.services.uploads import WageRow
from insurance.signals import contributions_declared

MAX_WAGE = Decimal("10000000")
CHUNK = 2000


@dataclass(frozen=True)
class PreparedLine:
    person_id: int
    wage: Decimal
    base: Decimal
    parts: dict[str, Parts]

    @property
    def employer_total(self) -> Decimal:
        return sum((p.employer for p in self.parts.values()), ZERO)

    @property
    def individual_total(self) -> Decimal:
        return sum((p.individual for p in self.parts.values()), ZERO)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]



def _wage(raw: str) -> Decimal:
    value = Decimal(raw.replace(",", "").replace("，", "").strip())
    if not value.is_finite() or value <= 0 or value >= MAX_WAGE:
        raise InvalidOperation
    return value


def _parse_rows(rows: list[WageRow], errors: list) -> dict[str, tuple[WageRow, Decimal]]:
    parsed: dict[str, tuple[WageRow, Decimal]] = {}
    for row in rows:
        try:
            number = canonical_id_number(row.id_number)
        except ValidationError as exc:
            errors.append((row.row, " ".join(str(m) for m in exc.messages)))
            continue
        try:
            wage = _wage(row.wage)
        except (InvalidOperation, ValueError):
            errors.append((row.row, _("The wage “%(wage)s” is not a positive amount.") % {"wage": row.wage}))
            continue
        if number in parsed:
            errors.append((row.row, _("Listed twice (also row %(row)s).") % {"row": parsed[number][0].row}))
            continue
        parsed[number] = (row, wage)
    return parsed


def _enrolled_types(employer: Employer, person_ids: list[int], month: date) -> dict[int, list[str]]:
    types: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(person_ids):
        for person_id, kind in Enrolment.objects.filter(
            employer=employer, scheme=Scheme.EMPLOYEE, person_id__in=chunk, started_on__lte=month,
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=month)).values_list("person_id", "insurance_type"):
            types[person_id].append(kind)
    return types


def _declared_elsewhere(employer: Employer, person_ids: list[int], month: date) -> dict[int, str]:
    found = {}
    for chunk in _chunks(person_ids):
        found.update(DeclarationLine.objects.filter(
            person_id__in=chunk, declaration__month=month,
            declaration__status__in=[Declaration.Status.DECLARED, Declaration.Status.PAID],
        ).exclude(declaration__employer=employer).values_list("person_id", "declaration__employer__name"))
    return found


def declaration_prepare(*, employer: Employer, month: date, rows: list[WageRow],
                        book: ReferenceBook | None = None) -> list[PreparedLine]:
    """Check every row and compute its base and parts; RowErrors lists every problem and nothing is saved."""
    month, book = month_start(month), book or ReferenceBook()
    limits = book.require_limits(month)
    industry_class = InsuredEmployer.objects.filter(employer=employer).values_list(
        "industry_class", flat=True).first() or 1
    errors: list[tuple[int, str]] = []
    parsed = _parse_rows(rows, errors)
    persons = {}
    for chunk in _chunks(list(parsed)):
        persons.update({p[0]: p[1:] for p in Person.objects.filter(id_number__in=chunk).values_list(
            "id_number", "pk", "name", "date_of_death")})
    known = [persons[n][0] for n in parsed if n in persons]
    enrolled = _enrolled_types(employer, known, month)
    elsewhere = _declared_elsewhere(employer, known, month)
    all_types = sorted({k for kinds in enrolled.values() for k in kinds})
    rates = book.rates(all_types, month, industry_class=industry_class) if all_types else {}
    lines = []
    for number, (row, wage) in parsed.items():
        if number not in persons:
            errors.append((row.row, _("No person with this identity number is registered.")))
            continue
        person_id, name, died = persons[number]
        if row.name and row.name.strip() and not names_match(row.name, name):
            errors.append((row.row, _("The name does not match the identity number.")))
        elif died is not None and died < month:
            errors.append((row.row, _("This person is recorded as deceased.")))
        elif not enrolled.get(person_id):
            errors.append((row.row, _("Not insured through this employer in %(month)s: enrol them first.")
                           % {"month": f"{month:%Y-%m}"}))
        elif person_id in elsewhere:
            errors.append((row.row, _("Already declared for this month by %(employer)s.")
                           % {"employer": elsewhere[person_id]}))
        else:
            base, parts = line_parts(wage, limits, {k: rates[k] for k in sorted(enrolled[person_id])})
            lines.append(PreparedLine(person_id=person_id, wage=wage, base=base, parts=parts))
    if errors:
        raise RowErrors(_("%(count)s row(s) have errors; nothing was saved.") % {"count": len(errors)},
                        errors=sorted(errors))
    if not lines:
        raise RowErrors(_("The declaration has no lines."), errors=[])
    return lines


def _digest(lines: list[PreparedLine]) -> str:
    text = "\n".join(sorted(f"{line.person_id}:{line.wage}" for line in lines))
    return hashlib.sha256(text.encode()).hexdigest()


def _write_lines(declaration: Declaration, lines: list[PreparedLine]) -> None:
    DeclarationLine.objects.bulk_create([
        DeclarationLine(declaration=declaration, person_id=line.person_id, wage=line.wage, base=line.base,
                        parts={kind: parts.as_json() for kind, parts in line.parts.items()},
                        employer_total=line.employer_total, individual_total=line.individual_total)
        for line in lines
    ], batch_size=CHUNK)
    declaration.employees = len(lines)
    declaration.total_base = sum((line.base for line in lines), ZERO)
    declaration.employer_total = sum((line.employer_total for line in lines), ZERO)
    declaration.individual_total = sum((line.individual_total for line in lines), ZERO)
    declaration.digest = _digest(lines)


def _lock_employer(employer: Employer) -> InsuredEmployer:
    """Serialise declarations of one employer (the registration row is the lock)."""
    insured = insured_employer_register(employer=employer)
    return InsuredEmployer.objects.select_for_update().get(pk=insured.pk)


def current_declaration(employer: Employer, month: date, *, lock: bool = False) -> Declaration | None:
    found = Declaration.objects.filter(employer=employer, month=month_start(month)).exclude(
        status=Declaration.Status.SUPERSEDED)
    return (found.select_for_update() if lock else found).first()


def _declare(declaration: Declaration, actor: User) -> None:
    declaration.status, declaration.declared_at, declaration.declared_by = (
        Declaration.Status.DECLARED, timezone.now(), actor)
    order_issue(kind=PaymentOrder.Kind.DECLARATION, amount=declaration.total, declaration=declaration,
                employer=declaration.employer, month=declaration.month)
    declaration.save()
    # Contributions arrive with the declaration: the apps above check it at once (e.g. benefit drawn meanwhile).
    person_ids = list(declaration.lines.values_list("person_id", flat=True))
    contributions_declared.send(sender=Declaration, person_ids=person_ids, months=[declaration.month],
                                employer_id=declaration.employer_id, source="declaration")


@transaction.atomic
def declaration_submit(*, employer: Employer, month: date, rows: list[WageRow], actor: User, channel: str,
                       declare: bool = True) -> Declaration:
    """Declare (or save as a draft) an employer's month. The same lines again change nothing; different lines
    before payment replace the previous ones and their payment order; after payment a correction case is needed."""
    month = month_start(month)
    _lock_employer(employer)
    lines = declaration_prepare(employer=employer, month=month, rows=rows)
    current = current_declaration(employer, month, lock=True)
    if current is not None and current.status == Declaration.Status.PAID:
        raise InsuranceError(_("%(month)s is already paid; a change needs a declaration correction case.")
                             % {"month": f"{month:%Y-%m}"}, code="paid")
    if current is not None and current.digest == _digest(lines):
        if declare and current.status == Declaration.Status.DRAFT:
            _declare(current, actor)  # saves it
        return current
    if current is None:
        current = Declaration.objects.create(employer=employer, month=month, channel=channel, created_by=actor)
    else:
        order_cancel_live(declaration=current, actor=actor)
        current.lines.all().delete()
        current.status, current.declared_at, current.declared_by = Declaration.Status.DRAFT, None, None
    _write_lines(current, lines)
    if declare:
        _declare(current, actor)  # saves it
    else:
        current.save()
    return current


@transaction.atomic
def declaration_declare(*, declaration: Declaration, actor: User) -> Declaration:
    """Declare a saved draft: its payment order is issued."""
    _lock_employer(declaration.employer)
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.status == Declaration.Status.DECLARED:
        return declaration
    if declaration.status != Declaration.Status.DRAFT:
        raise InsuranceError(_("Only a draft can be declared."), code="status")
    _declare(declaration, actor)  # saves it
    return declaration


@transaction.atomic
def declaration_correct(*, employer: Employer, month: date, rows: list[WageRow], actor: User, channel: str,
                        case=None) -> Declaration:
    """Correct a paid month (a correction case's completion): a new version replaces it and an order is issued
    for the difference (negative: a refund). Its payment replaces the month's contributions."""
    month = month_start(month)
    _lock_employer(employer)
    paid = current_declaration(employer, month, lock=True)
    if paid is None or paid.status != Declaration.Status.PAID:
        raise InsuranceError(_("Only a paid month is corrected by a case; an unpaid one is declared again."),
                             code="not_paid")
    lines = declaration_prepare(employer=employer, month=month, rows=rows)
    if _digest(lines) == paid.digest:
        raise InsuranceError(_("The corrected lines are the same as those paid."), code="unchanged")
    paid.status = Declaration.Status.SUPERSEDED
    paid.save(update_fields=["status"])
    new = Declaration.objects.create(employer=employer, month=month, version=paid.version + 1, corrects=paid,
                                     case=case, channel=channel, created_by=actor)
    _write_lines(new, lines)
    new.status, new.declared_at, new.declared_by = Declaration.Status.DECLARED, timezone.now(), actor
    new.save()
    order_issue(kind=PaymentOrder.Kind.CORRECTION, amount=new.total - paid.total, declaration=new,
                employer=employer, month=month, case=case)
    return new
