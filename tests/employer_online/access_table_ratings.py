"""Permission-table rows for the employer rating one of its ended cases online."""

from tests.architecture.access import EMPLOYER, Page


def context(ctx) -> dict:
    """A completed case of the demo employer (written directly: these rows test access, not the business)."""
    from django.utils import timezone

    from accounts.models import Office
    from workflow.models import Case, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code

    service, _ = ServiceType.objects.get_or_create(code="test.access-table", defaults={
        "name_zh": "权限表测试事项", "name_en": "Access-table test service", "domain": "test",
        "kind": "time_limited", "applicant": "both", "channels": ["counter"], "limit": 5})
    now = timezone.now()
    ended = Case.objects.create(
        number=case_number(now.date(), 991601), tracking_code=new_tracking_code(), service=service, channel="online",
        accepted_office=None, accepted_by=ctx["employer_admin"], status="completed", accepted_at=now, closed_at=now,
        employer=ctx["employer_admin"].employer, jurisdiction_office=Office.objects.get(code="BACK-370502"))
    return {"employer_rated_case": ended}


PAGES = [
    Page("employer:case-rate", allow=EMPLOYER, kwargs=lambda ctx: {"number": ctx["employer_rated_case"].number}),
    # The first user of the employer rates (302); the colleague after them is told it is rated already (200).
    Page("employer:case-rate", allow=EMPLOYER, ok=302, method="post", data=lambda ctx: {"score": "5"},
         kwargs=lambda ctx: {"number": ctx["employer_rated_case"].number}, overrides={"employer_staff": 200}),
]
