"""Permission-table rows for ratings (好差评): the public monthly summary, rating from the SMS link and from the
receipt's tracking link, the supervision page, and the two actions of a rectification case."""

from tests.architecture.access import EVERYONE, Page

REVIEWERS = ("reviewer", "head")


def context(ctx) -> dict:
    """A case of the resident (河口区 decides it) completed by 河口区's reviewer, and the rectification its bad rating
    at the window opened (written directly: these rows test access, not the business)."""
    from django.utils import timezone

    from accounts.models import Office
    from workflow.models import Case, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code
    from workflow.services.ratings import rating_give_case

    service, _ = ServiceType.objects.get_or_create(code="test.access-table", defaults={
        "name_zh": "权限表测试事项", "name_en": "Access-table test service", "domain": "test",
        "kind": "time_limited", "applicant": "both", "channels": ["counter"], "limit": 5})
    now = timezone.now()
    ended = Case.objects.create(
        number=case_number(now.date(), 991501), tracking_code=new_tracking_code(), service=service, channel="counter",
        accepted_office=ctx["clerk"].office, accepted_by=ctx["clerk"], status="completed", accepted_at=now,
        decided_at=now, closed_at=now, person=ctx["resident"].person, reviewer=ctx["reviewer"],
        jurisdiction_office=Office.objects.get(code="BACK-370503"))
    rating = rating_give_case(case=ended, channel="desk", score=1, reasons=["attitude"])
    return {"rated_case": ended, "rectification_case": rating.rectification}


def _rectification(ctx) -> dict:
    return {"number": ctx["rectification_case"].number}


def _token(ctx) -> dict:
    from workflow.rating_links import rating_token

    return {"token": rating_token(ctx["rated_case"].number)}


PAGES = [
    Page("ratings:public-summary", allow=EVERYONE),
    Page("ratings:public-summary", allow=EVERYONE, data=lambda ctx: {"month": "9999-99"}),
    Page("ratings:sms-rate", allow=EVERYONE, kwargs=_token),
    # A forged token finds nothing, for everyone.
    Page("ratings:sms-rate", allow=EVERYONE, ok=404, kwargs=lambda ctx: {"token": "202601010000001:forged"}),
    Page("tracking:track-rate", allow=EVERYONE, kwargs=lambda ctx: {"code": ctx["rated_case"].tracking_code}),
    Page("tracking:track-rate", allow=EVERYONE, ok=404, kwargs=lambda ctx: {"code": "0000000000000000"}),
    # An open case (the rectification itself) is not rated.
    Page("tracking:track-rate", allow=EVERYONE, ok=404,
         kwargs=lambda ctx: {"code": ctx["rectification_case"].tracking_code}),
    Page("workflow:rating-stats", allow=("head", "leader")),
    Page("workflow:rectification-reply", allow=REVIEWERS, kwargs=_rectification, ok=405),
    Page("workflow:rectification-reply", allow=REVIEWERS, kwargs=_rectification, method="post", ok=302,
         data=lambda ctx: {"text": "已核实，向您致歉。"}),
    Page("workflow:rectification-done", allow=REVIEWERS, kwargs=_rectification, method="post", ok=302,
         data=lambda ctx: {"text": "已整改。"}),
]
