"""Permission-table rows for the back office's pages: workbench, case page and its actions, board, overview."""

from tests.architecture.access import Page

REVIEWERS = ("reviewer", "head")
CASE_VIEWERS = ("clerk", "reviewer", "head", "leader")  # the accepting hall, the deciding office, the leadership
NOT_STAFF = {"resident": 403, "employer_admin": 403, "employer_staff": 403}


def context(ctx) -> dict:
    """A case for a 河口区 person accepted at 广饶县's hall (clerk), one for a 东营区 person accepted at 东营区's
    hall (clerk2), and an overdue warning to 河口区's back office."""
    from django.utils import timezone

    from tests.workflow import testservices
    from workflow.models import CaseStep
    from workflow.registry import registry
    from workflow.services import case_accept
    from workflow.services.catalogue import service_types_sync

    added = [spec for spec in testservices.ALL if spec.code not in registry]
    for spec in added:
        registry.register(spec)
    try:
        service_types_sync()
        hekou = case_accept(service_code="test.timed", actor=ctx["clerk"], channel="counter",
                            person=ctx["person_hekou"], data={"amount": "100.00"})
        dongying = case_accept(service_code="test.timed", actor=ctx["clerk2"], channel="counter",
                               person=ctx["person_dongying"])
    finally:
        for spec in added:
            registry.unregister(spec.code)
    now = timezone.now()
    warning = CaseStep.objects.create(case=hekou, step="warn", level=1, due_at=now, done_at=now,
                                      target_office=hekou.jurisdiction_office)
    return {"case_hekou": hekou, "case_dongying": dongying, "warning_hekou": warning,
            "back_dongying": dongying.jurisdiction_office}


def _number(ctx) -> dict:
    return {"number": ctx["case_hekou"].number}


def _action(name: str, allow=REVIEWERS, data=None) -> Page:
    return Page(f"workflow:{name}", allow=allow, kwargs=_number, method="post", ok=302, data=data)


PAGES = [
    Page("workflow:workbench", allow=REVIEWERS),
    Page("workflow:head-board", allow=("head",)),
    Page("workflow:city-overview", allow=("leader",)),
    Page("workflow:office-cases", allow=("leader",), kwargs=lambda ctx: {"code": "BACK-370503"}),
    Page("workflow:case-detail", allow=CASE_VIEWERS, kwargs=_number),
    # Another district's case, accepted at another hall: out of sight (404), except for the leadership.
    Page("workflow:case-detail", allow=("leader",), kwargs=lambda ctx: {"number": ctx["case_dongying"].number},
         overrides={"clerk": 404, "reviewer": 404, "head": 404}),
    Page("workflow:case-detail", allow=CASE_VIEWERS, kwargs=lambda ctx: {"number": "202601010000000"},
         ok=404, overrides={"admin": 403, **NOT_STAFF}),
    # Actions answer with a redirect (and a message when the service refuses); GET is not allowed.
    Page("workflow:case-claim", allow=REVIEWERS, kwargs=_number, ok=405),
    _action("case-claim"),
    _action("case-release", data=lambda ctx: {"note": ""}),
    _action("case-request-supplement", data=lambda ctx: {"materials": ["form"], "note": "缺申请表"}),
    _action("case-supplement-received", data=lambda ctx: {"materials": ["form"]}),
    _action("case-approve", data=lambda ctx: {"note": "材料齐全"}),
    _action("case-reject", data=lambda ctx: {"reason": "不符合条件"}),
    _action("case-withdraw", data=lambda ctx: {"note": "本人书面申请撤回"}),
    _action("case-assign", allow=("head",), data=lambda ctx: {"reviewer": ctx["reviewer"].pk}),
    _action("case-reassign", allow=("head",), data=lambda ctx: {"office": ctx["back_dongying"].pk}),
    # The head of 河口区 is warned; others see no such alert (404), non-staff are refused outright.
    Page("workflow:alert-acknowledge", allow=("head",), kwargs=lambda ctx: {"pk": ctx["warning_hekou"].pk},
         method="post", ok=302, deny=404, overrides=NOT_STAFF),
]
