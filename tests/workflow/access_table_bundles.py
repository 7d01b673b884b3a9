"""Permission-table rows for life events (一件事): the bundle's receipt, its public tracking page, the resident's
form. The bundle and its cases are written directly, as for the case receipts (access_table_tracking)."""

from datetime import timedelta

from django.utils import timezone

from tests.architecture.access import EVERYONE, Page
from tests.workflow.access_table_tracking import HANDLERS


def context(ctx):
    from accounts.models import Office
    from workflow.models import Bundle, BundleCase, Case, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code

    service, _ = ServiceType.objects.get_or_create(code="test.access-table", defaults={
        "name_zh": "权限表测试事项", "name_en": "Access-table test service", "domain": "test",
        "kind": "time_limited", "applicant": "both", "channels": ["counter"], "limit": 5})
    now, clerk, person = timezone.now(), ctx["clerk"], ctx["resident"].person
    bundle = Bundle.objects.create(kind="insurance.retirement_event", number=case_number(now.date(), 990711),
                                   tracking_code=new_tracking_code(), person=person, channel="counter",
                                   office=clerk.office, accepted_by=clerk, accepted_at=now, key="access-table")
    for n in range(2):
        case = Case.objects.create(
            number=case_number(now.date(), 990712 + n), tracking_code=new_tracking_code(), service=service,
            channel="counter", accepted_office=clerk.office, accepted_by=clerk, status="routed", accepted_at=now,
            deadline=now + timedelta(days=7), person=person,
            jurisdiction_office=Office.objects.get(code="BACK-370503"))  # the resident's district decides
        BundleCase.objects.create(bundle=bundle, case=case, position=n)
    return {"bundle": bundle}


PAGES = [
    # The applicant and the offices handling every case of it print the receipt; to anyone else it does not exist.
    Page("receipts:bundle-receipt", allow=(*HANDLERS, "resident"), deny=404,
         kwargs=lambda ctx: {"number": ctx["bundle"].number}),
    Page("receipts:bundle-receipt", allow=(), deny=404, kwargs=lambda ctx: {"number": "202601010000000"}),
    # Public tracking by the bundle's code: the same for everyone; unknown and malformed codes are not found.
    Page("tracking:bundle-detail", allow=EVERYONE, kwargs=lambda ctx: {"code": ctx["bundle"].tracking_code}),
    Page("tracking:bundle-detail", allow=EVERYONE, ok=404, kwargs=lambda ctx: {"code": "0000000000000000"}),
    Page("tracking:bundle-detail", allow=EVERYONE, ok=404, kwargs=lambda ctx: {"code": "not-a-code"}),
    Page("tracking:track", allow=EVERYONE, ok=302, data=lambda ctx: {"code": ctx["bundle"].tracking_code}),
    # The resident's form of a life event; an unknown one does not exist.
    Page("resident:apply-bundle", allow=("resident",), kwargs=lambda ctx: {"code": "insurance.retirement_event"}),
    Page("resident:apply-bundle", allow=("resident",), kwargs=lambda ctx: {"code": "nothing.here"},
         overrides={"resident": 404}),
]
