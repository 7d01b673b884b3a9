"""Permission-table rows of the resident's answers to the bureau's proactive offers (免申即享): the resident answers
their own offer; another person's offer is a 404 to them, and no other role may answer at all."""

from tests.architecture.access import Page

RESIDENT = ("resident",)


def context(ctx: dict) -> dict:
    from django.utils import timezone

    from accounts.models import Office
    from accounts.services import system_user
    from workflow.models import Case, ProactiveOffer, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code

    service = ServiceType.objects.get(code="insurance.retirement")
    now, actor = timezone.now(), system_user()

    def offer(seq, person, office):
        case = Case.objects.create(number=case_number(now.date(), seq), tracking_code=new_tracking_code(),
                                   service=service, channel="system", accepted_by=actor, person=person,
                                   accepted_at=now, jurisdiction_office=Office.objects.get(code=office),
                                   data={"retirement_date": "2030-01-01"})
        return ProactiveOffer.objects.create(finder="test", service=service, person=person, case=case,
                                             fingerprint=f"access-table-{seq}", what="测试", why="测试",
                                             offered_at=now)

    return {"own_offer": offer(990201, ctx["resident"].person, "BACK-370503"),
            "their_offer": offer(990202, ctx["person_dongying"], "BACK-370502")}


def _own(ctx):
    return {"pk": ctx["own_offer"].pk}


def _theirs(ctx):
    return {"pk": ctx["their_offer"].pk}


PAGES = [
    # Declining needs no check to pass: the resident's own offer answers 302 (to the home page).
    Page("resident:offer-decline", allow=RESIDENT, kwargs=_own, method="post", ok=302),
    Page("resident:offer-decline", allow=RESIDENT, kwargs=_theirs, method="post", overrides={"resident": 404}),
    # Confirming runs the service's checks; whatever they say, the resident is sent back (302), never a 500.
    Page("resident:offer-confirm", allow=RESIDENT, kwargs=_own, method="post", ok=302),
    Page("resident:offer-confirm", allow=RESIDENT, kwargs=_theirs, method="post", overrides={"resident": 404}),
]
