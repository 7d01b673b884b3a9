"""The clerk's desk: the window's ticket, identifying the applicant, their whole picture, any business, the result."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.ecard import ECardRefused, ecard_read, ecard_redeem
from accounts.models import ECardUse, Employer, Office
from accounts.selectors import (
    employer_by_credit_code,
    employers_served_by,
    office_is_point,
    person_by_id_number,
    persons_visible_to,
)
from counter import services
from counter.exceptions import CounterError
from counter.forms.desk import ApplicationForm, IdentifyForm
from counter.models import Ticket
from counter.selectors.desk import cases_accepted_at, counter_catalogue, counter_entry, open_cases_of, picture
from counter.selectors.queue import desk_state
from counter.views.camera import camera_allowed
from workflow.bundles import bundles
from workflow.exceptions import NotAllowed, NotEligible, WorkflowError
from workflow.registry import Applicant, Application, Channel
from workflow.selectors.points import point_require
from workflow.services import case_check

OPERATE = "counter.operate_window"
# The check the domain apps raise when a service's form data does not validate.
FORM_CHECK = "data"


def _desk_context(request) -> dict:
    """The window bar shown on every desk page: the window, its ticket, the windows to sign in at or
    transfer to (read once: the desk's loop stays a handful of queries)."""
    state = desk_state(user=request.user)
    if state.hall is not None and state.hall.pk == request.user.office_id:
        request.user.office = state.hall  # read with the windows: later reads of the office cost no query
    is_hall = state.hall is not None or (request.user.office_id is not None
                                         and request.user.office.kind == Office.Kind.HALL)
    return {"desk": state, "window": state.window, "ticket": state.ticket, "identify_form": IdentifyForm(),
            "is_hall": is_hall}


@require_access(perm=OPERATE)
@camera_allowed
def desk(request):
    context = _desk_context(request)
    context["identify_form"] = IdentifyForm(focus=True)
    return render(request, "counter/desk_home.html", context)


@require_access(perm=OPERATE)
@require_POST
@camera_allowed
def identify(request):
    form = IdentifyForm(request.POST, focus=True)
    if not form.is_valid():
        context = _desk_context(request)
        context["identify_form"] = form
        return render(request, "counter/desk_home.html", context, status=200)
    number = form.cleaned_data["number"]
    if form.kind == "ecard":
        return _identify_by_ecard(request, form, number)
    if form.kind == "person":
        subject = person_by_id_number(id_number=number)
        missing = _("No person with this identity number is registered.")
    else:
        subject = employer_by_credit_code(credit_code=number)
        missing = _("No employer with this credit code is registered.")
    if subject is None:
        messages.error(request, missing)
        return redirect("counter:desk")
    if office_is_point(request.user.office) and not _subjects(request, form.kind).filter(pk=subject.pk).exists():
        messages.error(request, _("%(office)s serves the persons and employers of its own area only: please send "
                                  "the applicant to the district's service hall.") % {"office": request.user.office})
        return redirect("counter:desk")
    ticket = desk_state(user=request.user).ticket
    if ticket is not None:
        try:
            services.ticket_identify(ticket=ticket, actor=request.user, **{form.kind: subject})
        except CounterError as exc:
            messages.error(request, exc.message)
    return redirect("counter:desk-subject", kind=form.kind, pk=subject.pk)


def _identify_by_ecard(request, form: IdentifyForm, content: str):
    """The person whose e-card code this is, identified once (the use recorded with this window and ticket); an
    expired, used or altered code is refused on the form and identifies no one."""
    state = desk_state(user=request.user)
    if state.hall is not None and state.hall.pk == request.user.office_id:
        request.user.office = state.hall  # read with the windows (and its region): no query for it below
    ticket = state.ticket
    if office_is_point(request.user.office) and not _ecard_in_area(request, content):
        messages.error(request, _("%(office)s serves the persons and employers of its own area only: please send "
                                  "the applicant to the district's service hall.") % {"office": request.user.office})
        return redirect("counter:desk")
    try:
        person = ecard_redeem(content=content, actor=request.user, channel=ECardUse.Channel.COUNTER,
                              office=request.user.office, ticket=ticket.code if ticket is not None else "")
    except ECardRefused as exc:
        form.add_error("number", exc.message)
        context = _desk_context(request)
        context["identify_form"] = form
        return render(request, "counter/desk_home.html", context, status=200)
    if ticket is not None:
        try:
            services.ticket_identify(ticket=ticket, actor=request.user, person=person,
                                     method=Ticket.IdentifiedBy.ECARD)
        except CounterError as exc:
            messages.error(request, exc.message)
    messages.success(request, _("Identified by the electronic social-security card QR code."))
    return redirect("counter:desk-subject", kind="person", pk=person.pk)


def _ecard_in_area(request, content: str) -> bool:
    """At a service point: whether a genuine code names a person of the point's area, read before the code is
    spent, so that a person sent on to the district's hall can show the same code there. A code that does not read
    passes here and is refused by ecard_redeem with its reason."""
    try:
        person_id, _nonce, _issued = ecard_read(content)
    except ECardRefused:
        return True
    return _subjects(request, "person").filter(pk=person_id).exists()


def _subjects(request, kind: str):
    """The persons or employers this window serves: the whole city at a hall, its own area at a service point."""
    if kind == "person":
        return persons_visible_to(user=request.user)
    if kind == "employer":
        return employers_served_by(office=request.user.office) if request.user.office_id else Employer.objects.none()
    raise Http404


def _subject(request, kind: str, pk: int):
    return get_object_or_404(_subjects(request, kind), pk=pk)


@require_access(perm=OPERATE)
@camera_allowed
def desk_subject(request, kind: str, pk: int):
    """The applicant's whole picture on one screen, and every business the window may accept for them."""
    context = _desk_context(request)
    subject = _subject(request, kind, pk)
    query = request.GET.get("q", "")[:50]
    context.update({
        "kind": kind, "subject": subject, "query": query,
        "catalogue": counter_catalogue(subject=kind, query=query, office=request.user.office),
        "open_cases": open_cases_of(**{kind: subject}),
        "bundles": bundles.for_channel(Channel.COUNTER) if kind == "person" else (),
        "point": request.user.office if office_is_point(request.user.office) else None,
        **picture(subject=subject, subject_kind=kind, office=request.user.office),
    })
    _log_read(request, context, subject if kind == "person" else None)
    return render(request, "counter/desk_subject.html", context)


def _log_read(request, context: dict, person, *, case_number: str = "") -> None:
    """The access log: the person shown at this window, for the ticket it serves (or the case accepted)."""
    ticket = context.get("ticket")
    access_log_record(request=request, persons=[person], page=Page.DESK, case_number=case_number,
                      ticket=ticket.code if ticket is not None else "")


def _other_party(kind: str, form: ApplicationForm):
    """For business an employer applies for on a person's behalf: the other party, looked up."""
    value = form.cleaned_data.get("other")
    if not value:
        return None, None
    if kind == "person":
        found = employer_by_credit_code(credit_code=value)
        if found is None:
            form.add_error("other", _("No employer with this credit code is registered."))
        return None, found
    found = person_by_id_number(id_number=value)
    if found is None:
        form.add_error("other", _("No person with this identity number is registered."))
    return found, None


@require_access(perm=OPERATE)
def desk_service(request, kind: str, pk: int, code: str):
    """A business's form from the registry, its checks before accepting, and the accept itself."""
    subject = _subject(request, kind, pk)
    entry = counter_entry(subject=kind, code=code)
    if entry is None:
        raise Http404
    try:
        point_require(office=request.user.office, code=code, name=entry.name)
    except NotAllowed as exc:  # nothing is shown or accepted: the applicant is sent to a hall
        messages.error(request, exc.message)
        return redirect("counter:desk-subject", kind=kind, pk=subject.pk)
    spec, posted = entry.spec, request.method == "POST"
    person, employer = (subject, None) if kind == "person" else (None, subject)
    application = Application(service=spec, channel=Channel.COUNTER, actor=request.user, person=person,
                              employer=employer, office=request.user.office)
    service_form = spec.form(request.POST if posted else None, application=application, prefix="f") \
        if spec.form else None
    desk_form = ApplicationForm(request.POST if posted else None, service=entry.service, spec=spec,
                                subject_kind=kind, prefix="d")
    # The checks run when the clerk sends the form ("Check" or "Accept"), never as it opens: an untouched form
    # is not wrong. "Check" on a form not yet complete shows what it lacks on its fields and the applicant's own
    # conditions (with both parties known only once the form is complete).
    checks = None
    if posted and desk_form.is_valid() and (service_form is None or service_form.is_valid()):
        other_person, other_employer = _other_party(kind, desk_form)
        person, employer = person or other_person, employer or other_employer
        data = service_form.to_data() if service_form else {}
        if not desk_form.errors:
            if request.POST.get("action") == "accept":
                return _accept(request, entry, person, employer, data, desk_form, service_form, subject, kind)
            checks = _checks(request, code, person, employer, data)
    elif posted and request.POST.get("action") == "check" and spec.applicant != Applicant.BOTH:
        filled = service_form is None or service_form.is_valid()  # only the materials are missing
        data = service_form.to_data() if service_form is not None and filled else {}
        checks = _checks(request, code, person, employer, data, before_filling=not filled)
        return _render_service(request, subject, kind, entry, service_form, desk_form, checks, incomplete=not filled)
    return _render_service(request, subject, kind, entry, service_form, desk_form, checks)


def _checks(request, code, person, employer, data, *, before_filling=False):
    """The service's checks. Before the form is complete, "the form is complete" is not a finding: its fields
    say what they lack."""
    try:
        checks = case_check(service_code=code, actor=request.user, channel=Channel.COUNTER, person=person,
                            employer=employer, data=data, office=request.user.office)
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return None
    except (KeyError, TypeError, ValueError):
        return None  # checks that need the form's data run once it is filled in
    return [c for c in checks if c.passed or c.code != FORM_CHECK] if before_filling else checks


def _accept(request, entry, person, employer, data, desk_form, service_form, subject, kind):
    ticket = desk_state(user=request.user).ticket
    try:
        case = services.desk_accept(actor=request.user, service_code=entry.code, person=person, employer=employer,
                                    data=data, materials=desk_form.cleaned_data.get("materials", []), ticket=ticket)
    except NotEligible as exc:
        messages.error(request, exc.message)
        return _render_service(request, subject, kind, entry, service_form, desk_form, exc.checks)
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return _render_service(request, subject, kind, entry, service_form, desk_form, None)
    return redirect("counter:desk-case", number=case.number)


def _render_service(request, subject, kind, entry, service_form, desk_form, checks, *, incomplete=False):
    context = _desk_context(request)
    context.update({
        "kind": kind, "subject": subject, "entry": entry, "service_form": service_form, "desk_form": desk_form,
        "checks": checks, "blocked": bool(checks) and any(c.is_error for c in checks), "incomplete": incomplete,
    })
    _log_read(request, context, subject if kind == "person" else None)
    return render(request, "counter/desk_service.html", context)


def receipt_url(number: str) -> str | None:
    """The receipt page of the workflow, when it is installed."""
    try:
        return reverse("receipts:receipt", kwargs={"number": number})
    except NoReverseMatch:
        return None


@require_access(perm=OPERATE)
def desk_case(request, number: str):
    """What was accepted: finished on the spot or sent to the back office of the applicant's district."""
    case = get_object_or_404(cases_accepted_at(office=request.user.office), number=number)
    context = _desk_context(request)
    subject_kind = "person" if case.person_id else "employer"
    context.update({"case": case, "receipt_url": receipt_url(case.number), "subject_kind": subject_kind,
                    "subject": case.person or case.employer})
    _log_read(request, context, case.person, case_number=case.number)
    return render(request, "counter/desk_case.html", context)
