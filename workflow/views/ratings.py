"""The rating page every channel shows, and the public pages of ratings: the link of a completion SMS, the
receipt's tracking link, and each office's monthly summary."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import public
from workflow.exceptions import WorkflowError
from workflow.models import Case
from workflow.rating_forms import RatingForm
from workflow.rating_links import rating_token_number
from workflow.rules import ratings as rules
from workflow.rules.codes import is_well_formed_tracking_code, normalize_tracking_code
from workflow.selectors.ratings import may_be_rated, ratings_by_office, subject_rated
from workflow.services.ratings import rating_give_case
from workflow.views.tracking import rate_limited


def rate_page(request: HttpRequest, *, layout: str, title: str, give: Callable[[dict], object], rated: bool,
              done: str | None = None, extra: dict | None = None, status: int = 200,
              template: str = "workflow/ratings/rate.html", thanks: str = "workflow/ratings/thanks.html",
              render_with: Callable[..., HttpResponse] = render) -> HttpResponse:
    """Show the rating form and take it: `give(cleaned)` calls the channel's service; a refusal is shown on the
    form; after a rating, back to `done` with a message, or a thank-you page. A channel with its own layout (the
    kiosk) passes its templates and its render function."""
    context = {"layout": layout, "title": title, "rated": rated, **(extra or {})}
    form = RatingForm(request.POST if request.method == "POST" and not rated else None)
    if form.is_bound and form.is_valid():
        try:
            rating = give(form.cleaned())
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            text = (_("Thank you. The office that handled it will look into your rating and answer you by SMS.")
                    if rules.is_bad(rating.score) else _("Thank you for your rating."))
            if done:
                messages.success(request, text)
                return redirect(done)
            return render_with(request, thanks, {**context, "text": text})
    return render_with(request, template, {**context, "form": form}, status=status)


def _case_for_code(code: str) -> Case | None:
    normalized = normalize_tracking_code(code)
    if not is_well_formed_tracking_code(normalized):
        return None
    return Case.objects.select_related("service", "jurisdiction_office", "accepted_office").filter(
        tracking_code=normalized).first()


def _not_rateable(request, layout: str, status: int = 404) -> HttpResponse:
    return render(request, "workflow/ratings/not_rateable.html", {"layout": layout}, status=status)


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("tracking.rate")
def track_rate(request: HttpRequest, code: str) -> HttpResponse:
    """Rate an ended case from its tracking page (the receipt's QR code and link): the code printed on the receipt
    is the secret; the rating is the applicant's, and the page shows nothing personal."""
    case = _case_for_code(code)
    if case is None or not may_be_rated(case):
        return _not_rateable(request, "layouts/public.html")
    channel = rules.Channel.RECEIPT
    return rate_page(
        request, layout="layouts/public.html", title=case.service.name, extra={"case": case},
        rated=subject_rated(subject=f"case:{case.pk}", channel=channel),
        give=lambda data: rating_give_case(case=case, channel=channel, **data),
        done=f"/track/{case.tracking_code}/")


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("ratings.sms")
def sms_rate(request: HttpRequest, token: str) -> HttpResponse:
    """The link of a completion SMS: no login; a forged or expired token finds nothing."""
    number = rating_token_number(token)
    case = Case.objects.select_related("service", "jurisdiction_office").filter(number=number).first() \
        if number else None
    if case is None or not may_be_rated(case):
        return _not_rateable(request, "layouts/public.html")
    channel = rules.Channel.SMS
    return rate_page(request, layout="layouts/public.html", title=case.service.name, extra={"case": case},
                     rated=subject_rated(subject=f"case:{case.pk}", channel=channel),
                     give=lambda data: rating_give_case(case=case, channel=channel, **data))


@public
@require_safe
def public_summary(request: HttpRequest) -> HttpResponse:
    """Each office's ratings of a month, for everyone: no resident's name, no staff member at all. One query."""
    month = rules.parse_month(request.GET.get("month"), today=timezone.localdate())
    rows = ratings_by_office(month=month)
    return render(request, "workflow/ratings/public_summary.html", {
        "month": month, "rows": rows, "levels": sorted(rules.Level.choices, reverse=True),
        "previous": month.previous, "rated_total": sum(row["total"] for row in rows)})

