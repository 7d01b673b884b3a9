"""A service's open_to rule: catalogues leave the service out for a person who fails it (each rule run once), and
it runs first among the service's checks."""

from __future__ import annotations

from types import SimpleNamespace

from workflow.registry import Application, Check, Kind, ServiceSpec
from workflow.selectors.catalogue import open_to

calls: list[str] = []


def adults(person) -> Check:
    calls.append(person.name)
    return Check(code="adult", label="An adult", passed=person.age >= 18)


def spec(code: str, rule=None, checks=None) -> ServiceSpec:
    return ServiceSpec(code=code, name=code, domain="tests", kind=Kind.IMMEDIATE, open_to=rule, checks=checks)


def test_a_catalogue_keeps_only_what_the_person_is_open_to_and_runs_each_rule_once():
    specs = {s.code: s for s in (spec("t.a", adults), spec("t.b", adults), spec("t.c"))}
    calls.clear()
    assert list(open_to(specs, SimpleNamespace(name="child", age=9))) == ["t.c"]
    assert calls == ["child"]
    assert list(open_to(specs, SimpleNamespace(name="adult", age=40))) == ["t.a", "t.b", "t.c"]
    assert list(open_to(specs, None)) == ["t.a", "t.b", "t.c"]


def test_the_rule_runs_first_among_the_checks_and_once():
    def checks(application):
        yield Check(code="adult", label="An adult (again)", passed=False)
        yield Check(code="other", label="Other", passed=True)

    service = spec("t.d", adults, checks)
    found = service.run_checks(Application(service=service, channel="counter", actor=None,
                                           person=SimpleNamespace(name="child", age=9)))
    assert [c.code for c in found] == ["adult", "other"] and found[0].label == "An adult"
    assert [c.code for c in service.run_checks(Application(service=service, channel="counter", actor=None))] == [
        "adult", "other"]  # no person: the service's own checks only
