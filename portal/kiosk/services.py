"""What a kiosk does for the person it identified: start a business through the kiosk channel, as its hall's kiosk.

A person at a kiosk may have no online account, so the kiosk acts through a system user of its own (one per
hall, kind "system", office the hall). Its right to act for a person comes only from the SMS code verified in
the kiosk's session: the views pass the identified person here, which marks the actor with that person for this
one call (workflow.permissions.can_apply_for accepts a kiosk's system user for that person alone).
"""

from __future__ import annotations

from django.db import transaction

from accounts.exceptions import AccountsError
from accounts.models import Office, Person, User
from accounts.text import clauses
from workflow.exceptions import NotEligible
from workflow.models import Case
from workflow.registry import Applicant, Application, Channel, ServiceSpec, registry
from workflow.selectors.catalogue import catalogue_specs, open_to
from workflow.services import case_accept

STATEMENT = "insurance.statement"
PROOF = "insurance.proof_of_life"
# The personal business the kiosk has screens for.
PERSONAL = (STATEMENT, PROOF)


def kiosk_offers(*, person: Person) -> dict[str, ServiceSpec]:
    """The personal business the kiosk may start for the person identified on it: of those it has screens for,
    what the kiosk channel offers, by each service's open_to rule (proof of life only for a pensioner)."""
    specs = catalogue_specs(channel=Channel.KIOSK, applicants=[Applicant.PERSON])
    return open_to({code: spec for code, spec in specs.items() if code in PERSONAL}, person)


def kiosk_user(*, hall: Office) -> User:
    """The hall's kiosk as an actor: cases, statements and proofs it records show "the system" at this hall."""
    user, created = User.objects.get_or_create(
        username=f"kiosk-{hall.code.lower()}"[:150],
        defaults={"kind": User.Kind.SYSTEM, "office": hall, "last_name": f"{hall.name}自助终端", "is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif user.kind != User.Kind.SYSTEM or user.office_id != hall.pk:
        raise AccountsError("The user name of this hall's kiosk is taken by another account.", code="kiosk_user")
    return user


def kiosk_actor(*, hall: Office, person: Person) -> User:
    user = kiosk_user(hall=hall)
    user.kiosk_person_id = person.pk
    return user


@transaction.atomic
def kiosk_apply(*, hall: Office, person: Person, service_code: str, fields: dict | None = None) -> Case:
    """Start a business at the kiosk for the identified person, through the service's own form and checks.

    Raises NotEligible (the form's errors, or the service's failed checks) or another WorkflowError.
    """
    actor = kiosk_actor(hall=hall, person=person)
    spec = registry.get(service_code)
    data = {}
    if spec.form is not None:
        application = Application(service=spec, channel=Channel.KIOSK, actor=actor, person=person, office=hall)
        form = spec.form(data=fields or {}, application=application)
        if not form.is_valid():
            raise NotEligible(clauses(e for errors in form.errors.values() for e in errors), code="form")
        data = form.to_data()
    return case_accept(service_code=service_code, actor=actor, channel=Channel.KIOSK, person=person, data=data,
                       office=hall)
