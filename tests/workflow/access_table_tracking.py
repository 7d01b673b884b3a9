"""Permission-table rows for receipts and public tracking.

The cases are written directly (not through case_accept) so that the table needs no test service registered.
"""

from datetime import timedelta

from django.utils import timezone

from tests.architecture.access import EMPLOYER, EVERYONE, Page

# Who may print a case's receipt besides its applicant: the accepting hall, the deciding office, the bureau's
# leadership. The system administrator is not a business role (workflow.permissions.can_view): not for them.
HANDLERS = ("clerk", "reviewer", "head", "leader")


def context(ctx):
    from accounts.models import Office
    from workflow.models import Case, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code

    service, _ = ServiceType.objects.get_or_create(code="test.access-table", defaults={
        "name_zh": "权限表测试事项", "name_en": "Access-table test service", "domain": "test",
        "kind": "time_limited", "applicant": "both", "channels": ["counter"], "limit": 5})
    now = timezone.now()
    clerk = ctx["clerk"]  # 广饶县's hall

    def case(seq, **applicant):
        return Case.objects.create(
            number=case_number(now.date(), seq), tracking_code=new_tracking_code(), service=service, channel="counter",
            accepted_office=clerk.office, accepted_by=clerk, status="routed", accepted_at=now,
            deadline=now + timedelta(days=7), **applicant)

    person_case = case(990001, person=ctx["resident"].person,  # a 河口区 resident: 河口区 decides
                       jurisdiction_office=Office.objects.get(code="BACK-370503"))
    employer_case = case(990002, employer=ctx["employer_admin"].employer,
                         jurisdiction_office=Office.objects.get(code="BACK-370502"))  # 东营区 decides
    return {"receipt_person_case": person_case, "receipt_employer_case": employer_case}


PAGES = [
    # The applicant and the offices handling the case print the receipt; to anyone else it does not exist.
    Page("receipts:receipt", allow=(*HANDLERS, "resident"), deny=404,
         kwargs=lambda ctx: {"number": ctx["receipt_person_case"].number}),
    # An employer's case decided in 东营区: 河口区's reviewer and head do not see it, the employer's users do.
    Page("receipts:receipt", allow=("clerk", "leader", *EMPLOYER), deny=404,
         kwargs=lambda ctx: {"number": ctx["receipt_employer_case"].number},
         overrides={"reviewer": 404, "head": 404}),
    Page("receipts:receipt", allow=(), deny=404, kwargs=lambda ctx: {"number": "202601010000000"}),
    # Public tracking: the same for everyone, logged in or not.
    Page("tracking:track", allow=EVERYONE),
    Page("tracking:track", allow=EVERYONE, ok=302, data=lambda ctx: {"code": ctx["receipt_person_case"].tracking_code}),
    Page("tracking:track", allow=EVERYONE, ok=404, data=lambda ctx: {"code": "not a code"}),
    Page("tracking:track", allow=EVERYONE, ok=405, method="post", data=lambda ctx: {"code": "not a code"}),
    Page("tracking:track-detail", allow=EVERYONE,
         kwargs=lambda ctx: {"code": ctx["receipt_person_case"].tracking_code}),
    Page("tracking:track-detail", allow=EVERYONE, ok=404, kwargs=lambda ctx: {"code": "0000000000000000"}),
]
