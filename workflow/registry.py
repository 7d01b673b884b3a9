"""The service catalogue in code: each domain app registers its services here from AppConfig.ready().

workflow knows nothing of any business: a service brings its own form, checks and
completion, and every channel (counter, online, kiosk, API) lists and runs it from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import Employer, Office, Person, User
    from workflow.models import Case


class Kind(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate (finished on the spot)")
    TIME_LIMITED = "time_limited", _("Time-limited")


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "working", _("working days")
    CALENDAR_DAYS = "calendar", _("calendar days")


class Channel(models.TextChoices):
    COUNTER = "counter", _("Counter")
    ONLINE = "online", _("Online")
    KIOSK = "kiosk", _("Self-service kiosk")
    API = "api", _("Data exchange (API)")
    SYSTEM = "system", _("Raised by the system")


class Applicant(models.TextChoices):
    PERSON = "person", _("A person")
    EMPLOYER = "employer", _("An employer")
    BOTH = "both", _("An employer for a person")
    EITHER = "either", _("A person or an employer")


@dataclass(frozen=True)
class Material:
    code: str
    name: Any  # lazily translated
    required: bool = True


@dataclass(frozen=True)
class Check:
    """One criterion of a service's checks: passed or not, blocking (an error) or not (a prompt), and why."""

    code: str
    label: Any
    passed: bool
    blocking: bool = True
    detail: Any = ""
    data: dict = field(default_factory=dict)
    # A service the prompt suggests (its code), for the desk and the resident's page to link to.
    suggests: str = ""

    @property
    def is_error(self) -> bool:
        return self.blocking and not self.passed

    @property
    def is_prompt(self) -> bool:
        return not self.blocking and not self.passed

    def as_dict(self) -> dict:
        return {
            "code": self.code, "label": str(self.label), "passed": self.passed, "blocking": self.blocking,
            "detail": str(self.detail), "data": self.data, "suggests": self.suggests,
        }


@dataclass
class Application:
    """What a service's form and checks see: who applies, for whom, through which channel, with what data."""

    service: ServiceSpec
    channel: str
    actor: User
    person: Person | None = None
    employer: Employer | None = None
    office: Office | None = None
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name: Any  # lazily translated; the English msgid is the English name
    domain: str
    kind: str
    applicant: str = Applicant.PERSON
    limit: int | None = None
    limit_unit: str = LimitUnit.WORKING_DAYS
    channels: frozenset[str] = frozenset({Channel.COUNTER})
    materials: tuple[Material, ...] = ()
    description: Any = ""
    # A Django form class (workflow.forms.ServiceForm) for the service's own data, or None.
    form: type | None = None
    # checks(application) -> iterable of Check; errors block, prompts inform.
    checks: Callable[[Application], Iterable[Check]] | None = None
    # open_to(person) -> Check: whether the person may apply at all, a domain rule on facts no form changes
    # (e.g. a pensioner draws no unemployment benefit). Catalogues (online, booking, kiosk) do not offer the
    # service to a person who fails it, and it runs first among the checks. Services sharing a rule share the
    # function, so that a catalogue runs it once.
    open_to: Callable[[Person], Check] | None = None
    # complete(case=..., actor=...) runs exactly once, inside the completing transaction.
    complete: Callable[..., None] | None = None
    # on_reject(case=..., actor=...) runs inside the rejecting transaction (optional).
    on_reject: Callable[..., None] | None = None
    # summary(case) -> list of (label, value) rows for the case page, receipt and tracking.
    summary: Callable[[Case], list[tuple[Any, Any]]] | None = None
    # Whose jurisdiction decides a BOTH case: "person" or "employer".
    route_by: str = "person"
    # The kind of office that decides it (accounts Office.Kind): a back office unless the business has its own
    # (labour inspection, arbitration).
    office_kind: str = "back_office"
    # route_region(person, employer, data) -> Region | None: the jurisdiction read from the application itself
    # (e.g. the employer a worker complains about), before the applicant's own; None falls back to the applicant.
    route_region: Callable[..., Any] | None = None
    # route_office(data) -> Office | None: the deciding office named by the application itself (e.g. the office a
    # rectification concerns), before any jurisdiction.
    route_office: Callable[[dict], Any] | None = None
    # Ordering hint for catalogues (most used first); the counter also learns from use.
    popularity: int = 0
    # Whether the case's events send the applicant an SMS. False for a case ABOUT a person that no one applied
    # for and whose outcome is not news for them (verifying a death another department reported).
    tells_applicant: bool = True

    def __post_init__(self):
        if self.kind == Kind.TIME_LIMITED and not self.limit:
            raise ValueError(f"{self.code}: a time-limited service needs its limit")
        if self.kind == Kind.IMMEDIATE and self.limit:
            raise ValueError(f"{self.code}: an immediate service has no limit")
        if self.applicant not in Applicant.values:
            raise ValueError(f"{self.code}: unknown applicant {self.applicant}")
        unknown = set(self.channels) - set(Channel.values)
        if unknown:
            raise ValueError(f"{self.code}: unknown channels {unknown}")

    @property
    def is_immediate(self) -> bool:
        return self.kind == Kind.IMMEDIATE

    def run_checks(self, application: Application) -> list[Check]:
        """The service's checks, its open_to rule first when it concerns a person (once, whatever the checks
        repeat of it)."""
        checks = list(self.checks(application)) if self.checks else []
        if self.open_to is None or application.person is None:
            return checks
        gate = self.open_to(application.person)
        return [gate, *(c for c in checks if c.code != gate.code)]


class ServiceRegistry:
    def __init__(self) -> None:
        self._services: dict[str, ServiceSpec] = {}
        self._domains: dict[str, str] = {}
        self._point_levels: dict[str, frozenset[str]] = {}

    def register_domain(self, code: str, label) -> None:
        """The name a domain's business is listed under (社会保险, 就业服务): pages never show its code."""
        self._domains[code] = label

    def point_defaults(self, levels: dict[str, Iterable[str]]) -> None:
        """The levels of service point ("street", "community") that accept a service when it first appears in the
        catalogue; the bureau edits them afterwards (workflow.models.PointService)."""
        self._point_levels.update({code: frozenset(values) for code, values in levels.items()})

    def default_point_levels(self, code: str) -> frozenset[str]:
        return self._point_levels.get(code, frozenset())

    def domain_label(self, code: str):
        return self._domains.get(code, code)

    def register(self, spec: ServiceSpec) -> ServiceSpec:
        existing = self._services.get(spec.code)
        if existing is not None and existing is not spec:
            raise ValueError(f"service {spec.code} is registered twice")
        self._services[spec.code] = spec
        return spec

    def unregister(self, code: str) -> None:
        """For tests that register services of their own."""
        self._services.pop(code, None)

    def get(self, code: str) -> ServiceSpec:
        try:
            return self._services[code]
        except KeyError:
            raise LookupError(f"no service {code!r} is registered") from None

    def __contains__(self, code: str) -> bool:
        return code in self._services

    def all(self) -> list[ServiceSpec]:
        return sorted(self._services.values(), key=lambda s: (-s.popularity, s.code))

    def for_channel(self, channel: str) -> list[ServiceSpec]:
        return [s for s in self.all() if channel in s.channels]


registry = ServiceRegistry()
