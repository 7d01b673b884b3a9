"""Every employer user sees only its own employer's data. The test walks EVERY URL pattern of the employer's
service, found in the URLconf (so that a page added later is covered or the test fails), with another employer's
object ids: each is a 404. Pages without an object in their address must not show the other employer's data."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.employer_online.helpers import hire, world

# How each object in an address is filled from the other employer's world (w) and our own (own).
OBJECTS = {
    "person_id": lambda w, own: w["employee"].pk,
    "user_id": lambda w, own: w["colleague"].pk,
    "declaration_id": lambda w, own: w["declaration"].pk,
    "number": lambda w, own: w["case"].number,
    # The set-password link: the other employer's login with a token made for one of our own logins.
    "uidb64": lambda w, own: urlsafe_base64_encode(force_bytes(w["colleague"].pk)),
    "token": lambda w, own: default_token_generator.make_token(own["colleague"]),
    # A proactive offer made to the employer (on its case, about its employee).
    "pk": lambda w, own: offer_of(w).pk,
}
# Address parts that name no object of an employer.
NEUTRAL = {"code": "insurance.injury_report"}
# Pages that only take a POST and name no object in their address: the other employer's ids go in the body.
POST_BODIES = {"cards-apply": lambda w: {"persons": [w["employee"].pk], "hall": ""}}


def offer_of(w):
    """The bureau's offer to the world's employer, made once per world (written directly: only its scope matters)."""
    if "offer" not in w:
        from django.utils import timezone

        from workflow.models import ProactiveOffer

        case = w["case"]
        w["offer"] = ProactiveOffer.objects.create(
            finder="test", service=case.service, person=w["employee"], employer=case.employer, case=case,
            fingerprint=f"isolation-{case.pk}", what="测试", why="测试", offered_at=timezone.now())
    return w["offer"]


def employer_patterns() -> list[tuple[str, list[str]]]:
    """(URL name, names of its address parts) for the home page and every pattern of the "employer" namespace."""
    _prefix, resolver = get_resolver().namespace_dict["employer"]
    found = [("portal:employer-home", [])]
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern), "the employer namespace is flat; walk nested includes too"
        found.append((f"employer:{pattern.name}", list(pattern.pattern.regex.groupindex)))
    return found


PATTERNS = employer_patterns()


def test_every_address_part_is_known():
    """A new page whose address names a new kind of object must say how the other employer's one is made."""
    unknown = {(name, part) for name, parts in PATTERNS for part in parts if part not in OBJECTS | NEUTRAL}
    assert not unknown, f"add these to OBJECTS (scoped objects) or NEUTRAL: {sorted(unknown)}"


def test_the_walk_covers_the_pages_of_the_issue():
    names = {name for name, _parts in PATTERNS}
    assert {"employer:users", "employer:employees", "employer:new-hire", "employer:separation",
            "employer:declarations", "employer:declaration", "employer:cards", "employer:case",
            "employer:notices"} <= names
    assert len(names) > 20


@pytest.fixture
def two_employers(firm, rival):
    """Both employers with an employee, a colleague, a declaration and a case; the other one's employee has a
    name found nowhere else."""
    from tests.factories import PersonFactory

    mine = world(firm["admin"])
    theirs = world(rival["admin"])
    marked = PersonFactory(name="竞争者甲乙")
    hire(rival["admin"], person=marked)
    theirs["marked"] = marked
    return mine, theirs


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "parts"), [p for p in PATTERNS if any(part in OBJECTS for part in p[1])],
                         ids=[p[0] for p in PATTERNS if any(part in OBJECTS for part in p[1])])
def test_another_employers_object_is_a_404(url_name, parts, two_employers, firm, client):
    mine, theirs = two_employers
    kwargs = {part: OBJECTS[part](theirs, mine) if part in OBJECTS else NEUTRAL[part] for part in parts}
    url = reverse(url_name, kwargs=kwargs)
    for role, allowed in (("admin", {404, 405}), ("staff", {403, 404, 405})):
        client.force_login(firm[role])
        got = {client.get(url).status_code, client.post(url, {"note": "x", "ended_on": "2026-01-01"}).status_code}
        assert got <= allowed, f"{role} {url}: {got}"
        assert 404 in got or (role == "staff" and 403 in got), f"{role} {url}: {got}"
    # And the same addresses with our own objects do work (the 404 is the scope, not a broken page).
    own = {part: OBJECTS[part](mine, mine) if part in OBJECTS else NEUTRAL[part] for part in parts}
    if "uidb64" not in own:
        client.force_login(firm["admin"])
        ok = {client.get(reverse(url_name, kwargs=own)).status_code,
              client.post(reverse(url_name, kwargs=own)).status_code}
        assert ok & {200, 302}, f"own object at {url_name}: {ok}"


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "parts"), [p for p in PATTERNS if not any(part in OBJECTS for part in p[1])],
                         ids=[p[0] for p in PATTERNS if not any(part in OBJECTS for part in p[1])])
def test_pages_without_an_object_show_nothing_of_another_employer(url_name, parts, two_employers, firm, client):
    from insurance.models import Card

    _mine, theirs = two_employers
    url = reverse(url_name, kwargs={part: NEUTRAL[part] for part in parts})
    client.force_login(firm["admin"])
    response = client.get(url)
    if response.status_code == 405:
        short = url_name.split(":", 1)[1]
        assert short in POST_BODIES, f"{url_name} takes only POST: say in POST_BODIES what to send"
        client.post(url, POST_BODIES[short](theirs))
        assert not Card.objects.filter(person=theirs["employee"]).exists()
        return
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    for secret in (theirs["marked"].name, theirs["employee"].name, theirs["employee"].id_number,
                   theirs["employee"].masked_id_number, theirs["colleague"].username, theirs["case"].number,
                   rival_name(theirs)):
        assert secret not in text, f"{url_name} shows {secret!r} of another employer"


def rival_name(theirs) -> str:
    return theirs["case"].employer.name


@pytest.mark.django_db
def test_a_service_for_an_employee_refuses_another_employers_employee(two_employers, firm, client):
    from workflow.models import Case

    _mine, theirs = two_employers
    client.force_login(firm["staff"])
    response = client.post(reverse("employer:service", kwargs={"code": "insurance.injury_report"}), {
        "p-id_number": theirs["employee"].id_number, "f-accident_at": "2026-11-26T10:00", "f-place": "车间",
        "f-description": "手部划伤", "action": "submit"})
    assert response.status_code == 200
    assert "本单位没有该身份证号码的职工" in response.content.decode()
    assert not Case.objects.filter(person=theirs["employee"], employer=firm["employer"]).exists()
