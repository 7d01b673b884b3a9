"""The rows of the office head's short lists (overdue, queue), rendered in Python: each row holds two forms, a
select of every reviewer and one of every other back office, and a template loop over them cost the board most of
its time (thousands of variable look-ups and hundreds of translation tags for a hundred rows). What is the same for
every row (labels, the options, the CSRF field, the return address) is made once per list. The output is the one
templates/workflow/partials/_assign_table.html rendered before, byte for byte; every value is escaped.

The rows of an office's open cases (the reviewer's workbench, the leadership's drill-down into an office) are made
the same way, by `case_rows`: byte for byte what templates/workflow/partials/_case_table.html rendered before."""

from __future__ import annotations

from django import template
from django.utils import dateformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from accounts.rows import address_of, choice_labels, csrf_field
from workflow.models import Case
from workflow.selectors.backoffice import stats

register = template.Library()

_PLACEHOLDER = "0" * 15

_ROW = """<tr>
    <td data-label="{l_left}"><span class="cell">{countdown}
</span></td>
    <td data-label="{l_case}"><a class="mono" href="{detail}">{number}</a></td>
    <td data-label="{l_service}">{service}</td>
    <td data-label="{l_applicant}">{applicant}
</td>
    <td data-label="{l_reviewer}">{reviewer}</td>
    <td data-label="{l_assign}">
      <form method="post" action="{assign}" class="assign-form">{csrf}
        <input type="hidden" name="next" value="{next}">
        <label class="sr-only" for="{table}-{pk}">{l_reviewer}</label>
        <select id="{table}-{pk}" name="reviewer" required>
          <option value="">—</option>
          {options}
        </select>
        <button class="btn btn-sm" type="submit">{button}</button>
      </form>
      {elsewhere}
    </td>
  </tr>"""

_ELSEWHERE = """
      <details class="send-elsewhere"><summary class="small">{l_summary}</summary>
        <form method="post" action="{reassign}" class="assign-form">{csrf}
          <input type="hidden" name="next" value="{next}">
          <label class="sr-only" for="{table}-office-{pk}">{l_office}</label>
          <select id="{table}-office-{pk}" name="office" required>
            <option value="">—</option>
            {offices}
          </select>
          <button class="btn btn-sm" type="submit">{l_send}</button>
        </form>
      </details>
      """


def _url_of(name: str):
    """Each case's address by its number, reverse() once."""
    return address_of(name, _PLACEHOLDER, kwarg="number")


def _countdown(countdown) -> str:
    html = f'<span class="countdown {escape(countdown.css)}">{escape(countdown.text)}</span>'
    if countdown.deadline:
        moment = template_localtime(countdown.deadline)
        html += (f' <time class="muted small nowrap" datetime="{escape(dateformat.format(moment, "c"))}">'
                 f'{escape(dateformat.format(moment, "Y-m-d H:i"))}</time>')
    return html


def _applicant(case) -> str:
    html = ""
    if case.person:
        html = (f"<span>{escape(case.person.masked_name)}</span> "
                f'<span class="mono small muted nowrap">{escape(case.person.masked_id_number)}</span>')
    if case.employer:
        html += f'{"<br>" if case.person else ""}<span class="small">{escape(case.employer.name)}</span>'
    return html


@register.simple_tag(takes_context=True)
def assign_rows(context, rows, reviewers, offices, table: str) -> SafeString:
    """The <tr> of each case: time left, number, service, applicant, reviewer, assign (and send elsewhere)."""
    request = context.get("request")
    csrf = csrf_field(context)
    labels = {key: escape(text) for key, text in (
        ("l_left", gettext("Time left")), ("l_case", gettext("Case")), ("l_service", gettext("Service")),
        ("l_applicant", gettext("Applicant")), ("l_reviewer", gettext("Reviewer")),
        ("l_assign", gettext("Assign to")), ("l_summary", gettext("Send to another back office")),
        ("l_office", gettext("Back office")), ("l_send", gettext("Send")))}
    # gettext outside the f-strings: makemessages (xgettext) does not look inside them.
    not_claimed, in_queue = escape(gettext("Not claimed")), escape(gettext("in the queue"))
    unclaimed = (f'<span class="badge badge-warn unclaimed">{not_claimed}</span>' if table == "overdue"
                 else f'<span class="muted">{in_queue}</span>')
    buttons = {True: escape(gettext("Reassign")), False: escape(gettext("Assign"))}
    options = [(r.pk, f'<option value="{r.pk}"', f'>{escape(r.last_name or r.username)} '
                f'{escape(r.staff_number or "")}</option>') for r in reviewers]
    office_options = "".join(f'<option value="{o.pk}">{escape(o.name)}</option>' for o in offices)
    assign_url, reassign_url = _url_of("workflow:case-assign"), _url_of("workflow:case-reassign")
    common = {"csrf": csrf, "next": escape(request.get_full_path()) if request else "", "table": escape(table),
              **labels}
    out = []
    for case in rows:
        reviewer = case.reviewer
        values = {**common, "pk": case.pk}
        elsewhere = (_ELSEWHERE.format(reassign=reassign_url(case.number), offices=office_options, **values)
                     if case.status != "supplement_requested" and offices else "")
        out.append(_ROW.format(
            countdown=_countdown(case.countdown), detail=escape(case.get_absolute_url()), number=escape(case.number),
            service=escape(case.service.name), applicant=_applicant(case),
            reviewer=escape(reviewer.last_name or reviewer.username) if reviewer else unclaimed,
            assign=assign_url(case.number), button=buttons[bool(reviewer)], elsewhere=elsewhere,
            options="".join(f'{start}{" disabled" if pk == case.reviewer_id else ""}{end}'
                            for pk, start, end in options),
            **values))
    return mark_safe("".join(out))  # noqa: S308 - every value escaped


_CASE_ROW = """<tr>
    <td data-label="{l_left}"><span class="cell">{countdown}
</span></td>
    <td data-label="{l_case}"><a class="mono" href="{detail}">{number}</a></td>
    <td data-label="{l_service}">{service}</td>
    <td data-label="{l_applicant}">{applicant}
</td>
    <td data-label="{l_channel}">{channel}</td>
    <td data-label="{l_office}">{office}</td>
    <td data-label="{l_status}"><span class="badge status-{status}">{status_label}</span>{reviewer}</td>
    {claim}
  </tr>"""


@register.simple_tag(takes_context=True)
def case_rows(context, rows, can_claim) -> SafeString:
    """The <tr> of each case of an office's open list (templates/workflow/partials/_case_table.html): time left,
    number, service, applicant, channel, accepting office, status and reviewer, and with `can_claim` the claim
    form of a routed case."""
    labels = {key: escape(text) for key, text in (
        ("l_left", gettext("Time left")), ("l_case", gettext("Case")), ("l_service", gettext("Service")),
        ("l_applicant", gettext("Applicant")), ("l_channel", gettext("Channel")),
        ("l_office", gettext("Accepting office")), ("l_status", gettext("Status")))}
    claim_form = claim_url = None
    if can_claim:
        request = context.get("request")
        csrf = csrf_field(context)
        next_url = escape(request.get_full_path()) if request else ""
        button = escape(gettext("Claim"))  # gettext outside the f-string: makemessages does not look inside them
        claim_form = (f'{csrf}<input type="hidden" name="next" value="{next_url}">'
                      f'<button class="btn btn-primary btn-sm" type="submit">{button}</button></form>')
        claim_url = _url_of("workflow:case-claim")
    channels, statuses = choice_labels(Case, "channel"), choice_labels(Case)
    out = []
    for case in rows:
        reviewer, office = case.reviewer, case.accepted_office
        if claim_url is None:
            claim = ""
        elif case.status == "routed":
            claim = (f'<td><form method="post" action="{claim_url(case.number)}" class="inline-form">{claim_form}'
                     "</td>")
        else:
            claim = "<td></td>"
        out.append(_CASE_ROW.format(
            countdown=_countdown(case.countdown), detail=escape(case.get_absolute_url()), number=escape(case.number),
            service=escape(case.service.name), applicant=_applicant(case),
            channel=escape(channels.get(case.channel, case.channel)),
            office=escape(office.name) if office is not None and office.name else "—", status=escape(case.status),
            status_label=escape(statuses.get(case.status, case.status)),
            reviewer=(f'<br><span class="small muted">{escape(reviewer.last_name or reviewer.username)}</span>'
                      if reviewer else ""),
            claim=claim, **labels))
    return mark_safe("".join(out))  # noqa: S308 - every value escaped


@register.filter
def alert_total(count: int) -> str:
    """The unseen alerts' count as the badge says it: past the cap the count stopped, so "1000+"."""
    cap = stats.ALERT_COUNT_CAP
    return f"{cap}+" if count > cap else str(count)
