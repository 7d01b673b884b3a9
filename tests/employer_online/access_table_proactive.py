"""Permission-table rows of the employer's answers to the bureau's proactive offers (免申即享): the employer's users
answer its own offers; another employer's offer is a 404 to them, and no other role may answer at all."""

from tests.architecture.access import EMPLOYER, Page


def context(ctx: dict) -> dict:
    from django.utils import timezone

    from accounts.models import Employer, Office
    from accounts.services import system_user
    from workflow.models import Case, ProactiveOffer, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code

    service = ServiceType.objects.get(code="employment.subsidy_hiring_insurance")
    now, actor = timezone.now(), system_user()
    ours = ctx["employer_admin"].employer
    theirs = Employer.objects.exclude(pk=ours.pk).order_by("pk").first()

    def offer(seq, employer, person):
        case = Case.objects.create(number=case_number(now.date(), seq), tracking_code=new_tracking_code(),
                                   service=service, channel="system", accepted_by=actor, person=person,
                                   employer=employer, accepted_at=now,
                                   jurisdiction_office=Office.objects.get(code="BACK-370502"),
                                   data={"first_month": f"{now:%Y-%m}", "last_month": f"{now:%Y-%m}"})
        return ProactiveOffer.objects.create(finder="test", service=service, person=person, employer=employer,
                                             case=case, fingerprint=f"access-table-{seq}", what="测试", why="测试",
                                             offered_at=now)

    return {"our_offer": offer(990301, ours, ctx["person_dongying"]),
            "their_offer": offer(990302, theirs, ctx["person_dongying"])}


def _ours(ctx):
    return {"pk": ctx["our_offer"].pk}


def _theirs(ctx):
    return {"pk": ctx["their_offer"].pk}


PAGES = [
    # Declining needs no check to pass: the employer's own offer answers 302 (to the home page), and a colleague
    # answering after them is told it is answered already (302 too).
    Page("employer:offer-decline", allow=EMPLOYER, kwargs=_ours, method="post", ok=302),
    Page("employer:offer-decline", allow=EMPLOYER, kwargs=_theirs, method="post",
         overrides={"employer_admin": 404, "employer_staff": 404}),
    # Confirming runs the service's checks; whatever they say, the user is sent on (302), never a 500.
    Page("employer:offer-confirm", allow=EMPLOYER, kwargs=_ours, method="post", ok=302),
    Page("employer:offer-confirm", allow=EMPLOYER, kwargs=_theirs, method="post",
         overrides={"employer_admin": 404, "employer_staff": 404}),
]
