"""Reads of the clerk's desk: the counter catalogue, a person's or employer's whole picture and open cases."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import F, QuerySet
from django.utils import timezone

from accounts import memo
from accounts.models import Employer, Office, Person
from workflow import profiles
from workflow.models import Case, ServiceType
from workflow.registry import Applicant, Channel, Check, ServiceSpec
from workflow.rules.states import OPEN
from workflow.selectors.catalogue import CatalogueEntry, catalogue_entries, catalogue_entry, catalogue_specs
from workflow.selectors.countdown import Countdown, case_countdown
from workflow.selectors.points import office_service_codes
from workflow.services.calendar import work_calendar_cached

_APPLICANTS = {"person": (Applicant.PERSON, Applicant.BOTH), "employer": (Applicant.EMPLOYER, Applicant.BOTH)}


def counter_specs(*, subject: str, office: Office | None = None) -> dict[str, ServiceSpec]:
    """What a window may accept for a person (or an employer): everything at a hall, a street or community
    service point only its level's services."""
    specs = catalogue_specs(channel=Channel.COUNTER, applicants=_APPLICANTS[subject])
    codes = office_service_codes(office)
    return specs if codes is None else {code: spec for code, spec in specs.items() if code in codes}


# The catalogue changes rarely (use counts reorder it slowly): windows share it for this long.
CATALOGUE_SECONDS = 30


def _offered(codes: list[str]) -> list[ServiceType]:
    key = "counter:catalogue:" + hashlib.sha256(",".join(sorted(codes)).encode()).hexdigest()
    services = cache.get(key)
    if services is None:
        services = list(ServiceType.objects.filter(code__in=codes, is_active=True))
        cache.set(key, services, CATALOGUE_SECONDS)
    return services


def counter_catalogue(*, subject: str, query: str = "", office: Office | None = None) -> list[CatalogueEntry]:
    """Every business a window of this office may accept for a person (or an employer), the most used first (at
    most one query, shared by the hall's windows for CATALOGUE_SECONDS)."""
    specs = counter_specs(subject=subject, office=office)
    entries = catalogue_entries(specs, _offered(list(specs)))
    needle = query.strip().lower()
    if needle:
        entries = [e for e in entries if needle in e.code.lower() or needle in e.service.name_zh.lower()
                   or needle in e.service.name_en.lower()]
    return entries


def counter_entry(*, subject: str, code: str) -> CatalogueEntry | None:
    return catalogue_entry(channel=Channel.COUNTER, applicants=_APPLICANTS[subject], code=code)


@dataclass(frozen=True)
class OpenCase:
    case: Case
    countdown: Countdown  # the same as the back office, the applicant and tracking show


def open_cases_of(*, person: Person | None = None, employer: Employer | None = None, now: datetime | None = None,
                  limit: int = 20) -> list[OpenCase]:
    """The applicant's open cases, soonest deadline first, each with its countdown in working time (one query, and
    the shared calendar)."""
    now = now or timezone.now()
    cases = Case.objects.filter(status__in=sorted(OPEN)).select_related("service", "jurisdiction_office")
    cases = cases.filter(person=person) if person is not None else cases.filter(employer=employer)
    cases = cases.order_by(F("deadline").asc(nulls_last=True), "-accepted_at")[:limit]
    cases = list(cases)
    if not cases:
        return []
    calendar = work_calendar_cached()
    return [OpenCase(c, case_countdown(c, calendar=calendar, now=now)) for c in cases]


@dataclass(frozen=True)
class Prompt:
    check: Check
    suggests: CatalogueEntry | None


def picture(*, subject, subject_kind: str, office: Office | None = None) -> dict:
    """The sections the domain apps registered, loaded for this person or employer, and the prompts their rules
    raise, each linked to the business it suggests when a window can accept it (what a section and a rule both
    read, such as the card and the pension, read once)."""
    with memo.read_once():
        sections = profiles.profile(subject, subject_kind=subject_kind)
        raised = [c for c in profiles.prompts(subject, subject_kind=subject_kind) if not c.passed]
    specs = counter_specs(subject=subject_kind, office=office)
    suggested = [c.suggests for c in raised if c.suggests in specs]
    names = {s.code: s for s in ServiceType.objects.filter(code__in=suggested, is_active=True)} if suggested else {}
    prompts = [Prompt(check=c, suggests=CatalogueEntry(specs[c.suggests], names[c.suggests])
                      if c.suggests in names else None) for c in raised]
    return {"sections": sections, "prompts": prompts}


def cases_accepted_at(*, office: Office | None) -> QuerySet[Case]:
    """Cases a hall accepted (the desk's result page is scoped to them)."""
    if office is None:
        return Case.objects.none()
    return Case.objects.filter(accepted_office=office).select_related(
        "service", "jurisdiction_office", "person", "employer", "accepted_by")
