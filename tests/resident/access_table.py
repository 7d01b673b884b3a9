"""Permission-table rows for the resident's online service (portal/resident/views/): sign-up and reset are for
visitors; everything else is the resident's own, and another person's case or file is a 404. Uploaded files also
open for the staff who may see their case."""

from tests.architecture.access import LOGGED_IN, Page

RESIDENT = ("resident",)
# Who may see a case decided in 河口区 that was started online: the applicant, 河口区's back office, the leader.
DOCUMENT_READERS = ("resident", "reviewer", "head", "leader")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# A fixed name, written once under MEDIA_ROOT: these rows test access, not storage.
DOCUMENT_NAME = "case-documents/access-table.pdf"


def context(ctx: dict) -> dict:
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from accounts.models import Office
    from workflow.models import Case, CaseDocument, CasePause, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code

    service, _ = ServiceType.objects.get_or_create(code="test.resident-access", defaults={
        "name_zh": "个人网上服务权限表测试事项", "name_en": "Resident access-table test service", "domain": "test",
        "kind": "time_limited", "applicant": "person", "channels": ["counter", "online"], "limit": 5})
    now = timezone.now()

    def case(seq, person, office, **extra):
        return Case.objects.create(
            number=case_number(now.date(), seq), tracking_code=new_tracking_code(), service=service,
            channel="online", accepted_by=ctx["resident"], person=person, accepted_at=now,
            jurisdiction_office=Office.objects.get(code=office), deadline=now + timedelta(days=7), **extra)

    own = case(990101, ctx["resident"].person, "BACK-370503", status="supplement_requested", paused_at=now)
    CasePause.objects.create(case=own, started_at=now)
    theirs = case(990102, ctx["person_dongying"], "BACK-370502", status="routed")
    if not default_storage.exists(DOCUMENT_NAME):
        default_storage.save(DOCUMENT_NAME, ContentFile(PDF))
    document = CaseDocument.objects.create(case=own, uploaded_by=ctx["resident"], file=DOCUMENT_NAME,
                                           original_name="申请表.pdf", content_type="application/pdf", size=len(PDF))
    their_document = CaseDocument.objects.create(case=theirs, uploaded_by=ctx["resident"], file=DOCUMENT_NAME,
                                                 original_name="x.pdf", content_type="application/pdf",
                                                 size=len(PDF))
    return {"resident_case": own, "their_case": theirs, "resident_document": document,
            "their_document": their_document}


def _own(ctx):
    return {"number": ctx["resident_case"].number}


def _theirs(ctx):
    return {"number": ctx["their_case"].number}


def _upload(ctx):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"material": "", "file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")}


PAGES = [
    # Sign-up and password reset: visitors; a logged-in user is sent to their home page.
    Page("resident:signup", allow=("anonymous",), deny=302),
    Page("resident:password-reset", allow=("anonymous",), deny=302),
    # Later steps without a flow started in this session: back to the first step (or home when logged in).
    *(Page(name, allow=("anonymous", *LOGGED_IN), ok=302) for name in (
        "resident:signup-code", "resident:signup-password", "resident:password-reset-code",
        "resident:password-reset-password")),
    Page("resident:records", allow=RESIDENT),
    # The e-card: the resident's own code only (no id in the address: it is always the logged-in person's), and
    # its refresh; a POST is not how either is asked for.
    Page("resident:ecard", allow=RESIDENT),
    Page("resident:ecard-code", allow=RESIDENT),
    Page("resident:ecard-code", allow=RESIDENT, method="post", ok=405),
    Page("resident:statement", allow=RESIDENT),
    Page("resident:statement", allow=RESIDENT, method="post", ok=302, data=lambda ctx: {"year": "2024"}),
    Page("resident:cases", allow=RESIDENT),
    Page("resident:case-detail", allow=RESIDENT, kwargs=_own),
    Page("resident:case-detail", allow=RESIDENT, kwargs=_theirs, overrides={"resident": 404}),
    Page("resident:case-upload", allow=RESIDENT, kwargs=_own, method="post", ok=302, data=_upload),
    Page("resident:case-upload", allow=RESIDENT, kwargs=_theirs, method="post", data=_upload,
         overrides={"resident": 404}),
    Page("resident:case-hand-in", allow=RESIDENT, kwargs=_own, method="post", ok=302),
    Page("resident:case-hand-in", allow=RESIDENT, kwargs=_theirs, method="post", overrides={"resident": 404}),
    Page("resident:case-withdraw", allow=RESIDENT, kwargs=_own, method="post", ok=302,
         data=lambda ctx: {"confirm": "on"}),
    Page("resident:case-withdraw", allow=RESIDENT, kwargs=_theirs, method="post", data=lambda ctx: {"confirm": "on"},
         overrides={"resident": 404}),
    Page("resident:document", allow=DOCUMENT_READERS, deny=404,
         kwargs=lambda ctx: {"number": ctx["resident_case"].number, "pk": ctx["resident_document"].pk}),
    # 东营区's case: its back office is reviewer2's and head2's (not in the table); the leader sees every case.
    Page("resident:document", allow=("leader",), deny=404,
         kwargs=lambda ctx: {"number": ctx["their_case"].number, "pk": ctx["their_document"].pk}),
    # A document asked for under a case it does not belong to does not exist.
    Page("resident:document", allow=(), deny=404,
         kwargs=lambda ctx: {"number": ctx["their_case"].number, "pk": ctx["resident_document"].pk}),
    Page("resident:apply", allow=RESIDENT),
    Page("resident:apply-service", allow=RESIDENT, kwargs=lambda ctx: {"code": "insurance.card_apply"}),
    Page("resident:apply-service", allow=RESIDENT, kwargs=lambda ctx: {"code": "insurance.card_activate"},
         overrides={"resident": 404}),
    Page("resident:apply-done", allow=RESIDENT, kwargs=_own),
    Page("resident:apply-done", allow=RESIDENT, kwargs=_theirs, overrides={"resident": 404}),
]
