"""Reads of bundled life events: the public tracking of all its cases by the bundle's code (no personal data,
one query whatever the number of cases), and its receipt for those who may see every case of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from accounts.models import User
from workflow.bundles import BundleSpec, bundles
from workflow.models import Bundle, BundleCase, Case
from workflow.permissions import case_scope
from workflow.rules.codes import format_tracking_code, is_well_formed_tracking_code, normalize_tracking_code
from workflow.selectors.tracking import _NEVER_A_CODE, _TRACKING_FIELDS, TrackedCase, _reference, _summary

# The bundle's own columns read along with each case's row.
_BUNDLE_FIELDS = ("bundle__number", "bundle__kind", "bundle__accepted_at", "case__tracking_code")


@dataclass(frozen=True)
class TrackedBundle:
    code: str  # in groups of four
    number: str
    kind: str
    accepted_at: datetime
    cases: tuple[TrackedCase, ...]

    @property
    def spec(self) -> BundleSpec | None:
        return bundles.get(self.kind) if self.kind in bundles else None

    @property
    def name(self) -> str:
        return str(self.spec.name) if self.spec else self.kind

    @property
    def done(self) -> int:
        return sum(1 for c in self.cases if c.status in (Case.Status.COMPLETED, Case.Status.APPROVED))


def bundle_tracking(*, code: str, now: datetime | None = None) -> TrackedBundle | None:
    """The public view of every case of the bundle with this tracking code, or None: one indexed query of the
    cases' rows and public timelines (names of offices and services come from the process's cache, as for a
    case: workflow.selectors.tracking)."""
    normalized = normalize_tracking_code(code)
    lookup = normalized if is_well_formed_tracking_code(normalized) else _NEVER_A_CODE
    rows = list(BundleCase.objects.filter(bundle__tracking_code=lookup).order_by("position").values_list(
        *(f"case__{name}" for name in _TRACKING_FIELDS), *_BUNDLE_FIELDS))
    if not rows:
        return None
    width = len(_TRACKING_FIELDS)
    now = now or timezone.now()
    cases = []
    for row in rows:
        case_row, events = row[:width], row[15] or ()
        offices = {pk for pk in (row[9], row[10]) if pk is not None}
        offices.update(entry[2] for entry in events if entry[2] is not None)
        cases.append(TrackedCase(case_row, code=row[width + 3],
                                 reference=_reference(service_id=row[8], office_ids=offices), now=now))
    number, kind, accepted_at = rows[0][width:width + 3]
    return TrackedBundle(code=format_tracking_code(lookup), number=number, kind=kind, accepted_at=accepted_at,
                         cases=tuple(cases))


@dataclass(frozen=True)
class BundleReceipt:
    bundle: Bundle
    cases: tuple[Case, ...]
    summaries: tuple[tuple[tuple[str, str], ...], ...]

    @property
    def spec(self) -> BundleSpec | None:
        return bundles.get(self.bundle.kind) if self.bundle.kind in bundles else None

    @property
    def rows(self):
        return zip(self.cases, self.summaries, strict=True)


def bundle_receipt(*, user: User, number: str) -> BundleReceipt | None:
    """The receipt of a bundle whose every case the user may see (the accepting office, leaders, the applicant),
    or None. Three queries (the bundle; its cases with their services and offices; how many of them the user may
    see), plus the services' summaries."""
    visible = case_scope(user).q
    if visible is None:
        return None
    bundle = Bundle.objects.select_related("person", "office", "accepted_by").filter(number=number).first()
    if bundle is None:
        return None
    cases = list(Case.objects.filter(bundle_link__bundle=bundle).order_by("bundle_link__position")
                 .select_related("service", "person", "employer", "jurisdiction_office", "accepted_office"))
    if not cases or Case.objects.filter(visible, pk__in=[c.pk for c in cases]).count() != len(cases):
        return None
    return BundleReceipt(bundle=bundle, cases=tuple(cases), summaries=tuple(_summary(c) for c in cases))


def my_bundles(*, person, limit: int = 20) -> list[Bundle]:
    """The person's life event applications, newest first (their own pages)."""
    return list(Bundle.objects.filter(person=person).order_by("-accepted_at")[:limit])


__all__ = ["BundleReceipt", "TrackedBundle", "bundle_receipt", "bundle_tracking", "my_bundles"]
