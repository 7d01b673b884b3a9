"""Accepting a bundled life event (一件事一次办): every service of the bundle checked together and accepted in one
transaction, under one application with its own number and tracking code (workflow.models.Bundle)."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office, Person, User
from workflow import permissions
from workflow.bundles import BundleSpec, bundles
from workflow.exceptions import BundleBlocked, NotAllowed, NotEligible, WorkflowError
from workflow.models import Bundle, BundleCase
from workflow.rules.codes import case_number, new_tracking_code
from workflow.rules.states import OPEN
from workflow.services.cases import case_accept
from workflow.services.sequences import sequence_next


def bundle_new_key() -> str:
    """The one-time key a bundle's form carries (hidden), so that the same form sent twice makes one bundle."""
    return secrets.token_hex(16)


def bundle_accept(*, bundle_code: str, actor: User, channel: str, person: Person, data: dict,
                  office: Office | None = None, key: str = "") -> Bundle:
    """Accept every service of the life event for `person`, or none.

    The services are checked and accepted in the bundle's order inside one transaction, each exactly as
    case_accept accepts it alone (its own checks, its own routing to the back office of its business, immediate
    ones completed on the spot), so that a service that needs the one before it (the benefit needs the
    unemployment registration) sees it. If any service is blocked, the transaction is rolled back — nothing is
    created — and BundleBlocked lists what is wrong with each service. The same `key` sent again (a double
    tap, a second tab, the same form at once) returns the bundle the first sending made.
    """
    spec = bundles.get(bundle_code)
    if channel not in spec.channels:
        raise NotAllowed(_("“%(name)s” cannot be started this way.") % {"name": spec.name}, code="channel")
    if not permissions.can_apply_for(actor, channel=channel, person=person):
        raise NotAllowed(_("You may not apply for this applicant."), code="actor")
    key = key or bundle_new_key()
    existing = _sent_before(key=key, spec=spec, person=person)
    if existing is not None:
        return existing
    try:
        return _accept(spec=spec, actor=actor, channel=channel, person=person, data=data or {},
                       office=office if office is not None else actor.office, key=key)
    except IntegrityError:
        # The same form sent at the same moment: the other sending holds the key and made the bundle.
        existing = _sent_before(key=key, spec=spec, person=person)
        if existing is None:
            raise
        return existing


def _sent_before(*, key: str, spec: BundleSpec, person: Person) -> Bundle | None:
    found = Bundle.objects.filter(key=key).first()
    if found is not None and (found.kind != spec.code or found.person_id != person.pk):
        raise NotAllowed(_("This form was already used for another application."), code="key")
    return found


@transaction.atomic
def _accept(*, spec: BundleSpec, actor: User, channel: str, person: Person, data: dict, office: Office | None,
            key: str) -> Bundle:
    # One life event at a time per person: a second sending (another tab, the same form twice at once) waits here
    # for the first to end, then finds what it made.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    existing = _sent_before(key=key, spec=spec, person=person)
    if existing is not None:
        return existing
    if Bundle.objects.filter(person=person, kind=spec.code, members__case__status__in=OPEN).exists():
        raise NotAllowed(_("“%(name)s” was already applied for and is being handled: follow it with the code on "
                           "its receipt.") % {"name": spec.name}, code="open_bundle")
    now = timezone.now()
    day = timezone.localdate(now)
    # The bundle's row first: a second sending of the same key waits here on the unique key until this one ends.
    bundle = Bundle.objects.create(
        # From the cases' daily sequence: an application number is never also a case's number.
        kind=spec.code, number=case_number(day, sequence_next(f"case:{day:%Y%m%d}")),
        tracking_code=new_tracking_code(), person=person, channel=channel, office=office, accepted_by=actor,
        accepted_at=now, key=key)
    problems, cases = [], []
    for part, service in zip(spec.parts, spec.specs(), strict=True):
        try:
            cases.append(case_accept(service_code=part.service, actor=actor, channel=channel, person=person,
                                     data=spec.part_data(part, data), office=office))
        except NotEligible as exc:
            problems.append((str(service.name), [_reason(c) for c in exc.errors]))
        except WorkflowError as exc:
            problems.append((str(service.name), [str(exc.message)]))
    if problems:
        raise BundleBlocked(_("Nothing was applied for: the conditions below are not met."), problems=problems)
    BundleCase.objects.bulk_create([BundleCase(bundle=bundle, case=case, position=n)
                                    for n, case in enumerate(cases)])
    return bundle


def _reason(check) -> str:
    if not str(check.detail):
        return str(check.label)
    return _("%(label)s: %(detail)s") % {"label": check.label, "detail": check.detail}
