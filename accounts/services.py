"""Writes on places, parties and logins: each one transaction, the actor passed in."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.exceptions import AccountsError
from accounts.identifiers import check_credit_format, parse_id_number, validate_credit_code, validate_mobile
from accounts.models import Employer, Office, Person, Region, User
from accounts.roles import ADMIN_ROLES, Role
from accounts.text import recorded


def person_create(
    *, actor: User | None, id_number: str, name: str, hukou_region: Region, phone: str = "",
    residence_region: Region | None = None, address: str = "", hukou_type: str = Person.HukouType.URBAN,
) -> Person:
    """Register a person, every channel alike. The police's population register is asked first (outside any
    transaction of ours when the caller has none): a name it does not hold for the number, or a recorded death,
    refuses the person; no answer creates them unverified, to be asked again by the beat task."""
    from accounts.identity import identity_ask, identity_check_record, identity_refusal

    info = parse_id_number(id_number)
    if Person.objects.filter(id_number=info.number).exists():
        raise AccountsError(_("A person with this identity number is already registered."), code="duplicate")
    person = Person(
        id_number=info.number, name=name.strip(), phone=validate_mobile(phone) if phone else "",
        hukou_region=hukou_region, residence_region=residence_region, address=address, hukou_type=hukou_type,
    )
    # The model's own checks (the same as the admin's and every form's); the regions are objects already loaded.
    person.full_clean(exclude=["hukou_region", "residence_region"], validate_unique=False)
    verdict = identity_ask(id_number=person.id_number, name=person.name)
    if (refusal := identity_refusal(verdict)) is not None:
        raise refusal
    with transaction.atomic():
        person._history_user = actor
        person.save()
        identity_check_record(person=person, verdict=verdict)
    return person


@transaction.atomic
def person_update_contact(*, actor: User | None, person: Person, phone: str, address: str | None = None) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.phone = validate_mobile(phone)
    if address is not None:
        person.address = address
    person._history_user = actor
    person.save()
    return person


@transaction.atomic
def employer_create(
    *, actor: User | None, credit_code: str, name: str, region: Region, legal_representative: str = "",
    contact_name: str = "", contact_phone: str = "", address: str = "", checksum_exception: str = "",
) -> Employer:
    """Register an employer. A code failing the checksum is accepted only from staff with a reason."""
    if checksum_exception:
        if actor is None or actor.kind != User.Kind.STAFF:
            raise AccountsError(_("Only bureau staff may accept a credit code that fails the check."), code="forbidden")
        code = check_credit_format(credit_code)
    else:
        code = validate_credit_code(credit_code)
    if Employer.objects.filter(credit_code=code).exists():
        raise AccountsError(_("An employer with this credit code is already registered."), code="duplicate")
    employer = Employer(
        credit_code=code, name=name.strip(), region=region, legal_representative=legal_representative,
        contact_name=contact_name, contact_phone=contact_phone, address=address,
        checksum_exception=checksum_exception.strip(),
    )
    employer.full_clean(exclude=["region"], validate_unique=False)
    employer._history_user = actor
    employer.save()
    return employer


def _add_roles(user: User, roles: tuple[str, ...]) -> None:
    groups = Group.objects.filter(name__in=[str(r) for r in roles])
    if groups.count() != len(roles):
        raise AccountsError(_("A role group is missing: run the migrations first."), code="roles")
    user.groups.add(*groups)


@transaction.atomic
def staff_user_create(
    *, username: str, password: str, office: Office, staff_number: str, roles: tuple[str, ...],
    first_name: str = "", last_name: str = "",
) -> User:
    user = User(
        username=username, kind=User.Kind.STAFF, office=office, staff_number=staff_number,
        first_name=first_name, last_name=last_name, is_staff=any(r in ADMIN_ROLES for r in roles),
    )
    user.set_password(password)
    user.save()
    _add_roles(user, roles)
    return user


@transaction.atomic
def resident_user_create(*, person: Person, password: str) -> User:
    if User.objects.filter(person=person).exists():
        raise AccountsError(_("This person already has an online account."), code="duplicate")
    user = User(username=person.id_number, kind=User.Kind.RESIDENT, person=person, phone=person.phone,
                last_name=person.name)
    user.set_password(password)
    user.save()
    _add_roles(user, (Role.RESIDENT,))
    return user


@transaction.atomic
def employer_user_create(
    *, actor: User | None, employer: Employer, username: str, password: str, is_admin: bool = False,
    name: str = "", phone: str = "",
) -> User:
    """Add a login for an employer. Only the bureau (actor None or staff) or the employer's admin may."""
    if (actor is not None and actor.kind == User.Kind.EMPLOYER
            and (actor.employer_id != employer.pk or not actor.has_perm("accounts.manage_employer_users"))):
        raise AccountsError(_("Only the employer's administrator may add colleagues."), code="forbidden")
    if User.objects.filter(username=username).exists():
        raise AccountsError(_("This user name is taken."), code="duplicate")
    user = User(username=username, kind=User.Kind.EMPLOYER, employer=employer, last_name=name,
                phone=validate_mobile(phone) if phone else "")
    user.set_password(password)
    user.save()
    _add_roles(user, (Role.EMPLOYER_ADMIN,) if is_admin else (Role.EMPLOYER_STAFF,))
    return user


def password_chosen(*, user: User) -> None:
    """The user has just chosen their own password: no page waits for a change any more."""
    if user.must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False


def system_user() -> User:
    """The actor of what the system does by itself (sweeps, data exchange): one unusable login."""
    user, created = User.objects.get_or_create(
        username="system", defaults={"kind": User.Kind.SYSTEM, "last_name": "系统", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def person_record_death(*, actor: User, person: Person, date_of_death, source: str = "") -> Person:
    """Record a death (a certificate at the counter, or a reported death the district confirmed); the apps above
    stop what must stop (accounts.signals.person_died)."""
    from accounts.signals import person_died

    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.date_of_death is not None:
        return person  # a repeated notice changes nothing
    person.date_of_death, person.death_reported_on = date_of_death, None
    person._history_user = actor
    person._change_reason = source[:100] if source else "死亡登记"
    person.save()
    person_died.send(sender=Person, person=person, date_of_death=date_of_death, actor=actor)
    return person


@transaction.atomic
def person_report_death(*, actor: User, person: Person, date_of_death, source: str) -> bool:
    """A death reported by another department (police, civil affairs): recorded as a report, not as a death. The
    apps above suspend what it would stop and open a case for the district to confirm it
    (accounts.signals.person_death_reported); the death is recorded only when the district confirms it. Returns
    False when it changes nothing (the death recorded already, or a report being verified)."""
    from accounts.signals import person_death_reported

    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.date_of_death is not None or person.death_reported_on is not None:
        return False
    person.death_reported_on = date_of_death
    person._history_user = actor
    person._change_reason = (source or "死亡报告")[:100]
    person.save(update_fields=["death_reported_on", "updated_at"])
    person_death_reported.send(sender=Person, person=person, date_of_death=date_of_death, source=source, actor=actor)
    return True


@transaction.atomic
def person_death_report_withdraw(*, actor: User, person: Person, reason: str = "") -> bool:
    """The district found a reported death wrong: the report is cleared and what it suspended resumes
    (accounts.signals.person_death_report_withdrawn). False when there was no report to withdraw."""
    from accounts.signals import person_death_report_withdrawn

    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.death_reported_on is None or person.date_of_death is not None:
        return False
    person.death_reported_on = None
    person._history_user = actor
    person._change_reason = (reason or "死亡报告核实有误")[:100]
    person.save(update_fields=["death_reported_on", "updated_at"])
    person_death_report_withdrawn.send(sender=Person, person=person, actor=actor)
    return True


@transaction.atomic
def person_set_household_facts(*, actor: User, person: Person, low_income: bool | None = None,
                               zero_employment: bool | None = None, disabled: bool | None = None,
                               source: str = "") -> tuple[Person, bool]:
    """Record civil affairs' facts on a person; returns (person, changed). Unchanged facts write nothing."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    wanted = {"in_low_income_household": low_income, "in_zero_employment_household": zero_employment,
              "is_disabled": disabled}
    changed = {f: v for f, v in wanted.items() if v is not None and getattr(person, f) != v}
    if not changed:
        return person, False
    for field, value in changed.items():
        setattr(person, field, value)
    person._history_user = actor
    person._change_reason = (source or recorded(gettext_lazy("Civil affairs data")))[:100]
    person.save()
    from accounts.signals import person_facts_changed

    person_facts_changed.send(sender=Person, person=person, fields=sorted(changed), actor=actor)
    return person, True
