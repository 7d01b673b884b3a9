"""The rows of the employer's employee list and declaration list, rendered in Python: a template loop with its
translation tags, {% url %} and filters per row cost those pages most of their time. What is the same for every
row (labels, the address pattern) is made once per list. The output is the one the template loops rendered before,
byte for byte (tests/employer_online/test_employer_rows.py compares them); every value is escaped as {{ }} would;
the translations of the fixed texts are not, as {% translate "..." %} leaves them (they are the bureau's own)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from accounts.rows import address_of, choice_labels

register = template.Library()

_PLACEHOLDER = 987654321987654321


def _url_of(name: str):
    """Each object's address by its primary key, reverse() once."""
    return address_of(name, _PLACEHOLDER)


def _v(value) -> str:
    """What {{ value }} renders (localized, escaped unless safe)."""
    return conditional_escape(localize(value))


_EMPLOYEE_ROW = """<tr>
    <td data-label="{l_name}"><a href="{url}">{name}</a></td>
    <td data-label="{l_id}" class="mono">{id_number}</td>
    <td data-label="{l_employment}">{employment}</td>
    <td data-label="{l_insurance}"><span class="badges">{badges}</span></td>
    <td data-label="{l_card}">{card}</td>
  </tr>"""


@register.simple_tag
def employee_rows(rows) -> SafeString:
    """The <tr> of each EmployeeRow: name, identity number, employment, insurance per type, card."""
    labels = {
        "l_name": gettext("Name"), "l_id": gettext("Identity number"), "l_employment": gettext("Employment"),
        "l_insurance": gettext("Social insurance"), "l_card": gettext("Card")}
    suspended, ended = gettext("Suspended"), gettext("Ended")
    not_insured = gettext("Not insured")
    # gettext outside the f-strings: makemessages (xgettext) does not look inside them.
    other_employer, not_registered = gettext("Registered with another employer"), gettext("Not registered")
    elsewhere = f'<span class="badge badge-warn">{other_employer}</span>'
    unregistered = f'<span class="badge badge-warn">{not_registered}</span>'
    here_since = gettext("Here since %(date)s")
    no_card = '<span class="muted">—</span>'
    url_of = _url_of("employer:employee")
    kinds = cards = None
    badges_by_label: dict = {}
    out = []
    for row in rows:
        person, period = row.person, row.period
        if row.employed_here:
            employment = here_since % {"date": conditional_escape(date_filter(period.started_on, "Y-m-d"))}
        elif period is not None and period.kind == "employed":
            employment = elsewhere
        elif period:
            if kinds is None:
                kinds = choice_labels(type(period), "kind")
            employment = conditional_escape(kinds.get(period.kind, period.kind))
        else:
            employment = unregistered
        badges = []
        for _kind, label, status in row.types:
            key = (label, status)
            badge = badges_by_label.get(key)
            if badge is None:
                text = conditional_escape(label)
                if status == "active":
                    badge = f'<span class="badge badge-ok">{text} ✓</span>\n'
                elif status == "suspended":
                    badge = f'<span class="badge badge-warn">{text} · {suspended}</span>\n'
                elif status == "ended":
                    badge = f'<span class="badge badge-ended">{text} · {ended}</span>\n'
                else:
                    badge = f'<span class="badge badge-none">{text} · {not_insured}</span>\n'
                badges_by_label[key] = badge
            badges.append(badge)
        card = row.card
        if card:
            if cards is None:
                cards = choice_labels(type(card))
            card_html = conditional_escape(cards.get(card.status, card.status))
        else:
            card_html = no_card
        out.append(_EMPLOYEE_ROW.format(
            url=url_of(person.pk), name=_v(person.name), id_number=_v(person.masked_id_number),
            employment=employment, badges="".join(badges), card=card_html, **labels))
    return mark_safe("".join(out))  # noqa: S308 - every value escaped


_ORDER_ROW = """<tr>
      <td data-label="{l_order}" class="mono">{number}</td>
      <td data-label="{l_kind}">{kind}</td>
      <td data-label="{l_amount}" class="num money">¥ {amount}</td>
      <td data-label="{l_pay_by}"{overdue}>{due}</td>
    </tr>"""


@register.simple_tag
def unpaid_order_rows(orders, today) -> SafeString:
    """The <tr> of each payment order awaiting payment: number (to its declaration), kind, amount, due date."""
    labels = {"l_order": gettext("Payment order"), "l_kind": gettext("Kind"), "l_amount": gettext("Amount"),
              "l_pay_by": gettext("Pay by")}
    url_of = _url_of("employer:declaration")
    kinds = None
    out = []
    for order in orders:
        if kinds is None:
            kinds = choice_labels(type(order), "kind")
        number = _v(order.number)
        if order.declaration_id:
            number = f'<a href="{url_of(order.declaration_id)}">{number}</a>'
        out.append(_ORDER_ROW.format(
            number=number, kind=conditional_escape(kinds.get(order.kind, order.kind)), amount=_v(order.amount),
            overdue=' class="countdown-overdue"' if order.due_on < today else "",
            due=conditional_escape(date_filter(order.due_on, "Y-m-d")), **labels))
    return mark_safe("".join(out))  # noqa: S308 - every value escaped


_DECLARATION_ROW = """<tr>
      <td data-label="{l_month}"><a href="{url}">{month}</a>{version}</td>
      <td data-label="{l_status}"><span class="badge {badge}">{status}</span></td>
      <td data-label="{l_employees}" class="num">{employees}</td>
      <td data-label="{l_total}" class="num money">¥ {total}</td>
      <td data-label="{l_order}">{order}</td>
    </tr>"""

_STATUS_BADGES = {"paid": "badge-ok", "draft": "badge-warn"}


@register.simple_tag
def declaration_rows(declarations) -> SafeString:
    """The <tr> of each declaration (with `status_label`, and `live_order` with its `status_label`, or None):
    month (to the declaration) and version, status, employees, total, payment order."""
    labels = {"l_month": gettext("Month"), "l_status": gettext("Status"), "l_employees": gettext("Employees"),
              "l_total": gettext("Total"), "l_order": gettext("Payment order")}
    url_of = _url_of("employer:declaration")
    out = []
    for d in declarations:
        order = d.live_order
        out.append(_DECLARATION_ROW.format(
            url=url_of(d.pk), month=conditional_escape(date_filter(d.month, "Y-m")),
            version=f' <span class="small muted">v{_v(d.version)}</span>' if d.version > 1 else "",
            badge=_STATUS_BADGES.get(d.status, "badge-info"), status=_v(d.status_label), employees=_v(d.employees),
            total=_v(d.total),
            order=f'<span class="mono">{_v(order.number)}</span> · {_v(order.status_label)}' if order else "—",
            **labels))
    return mark_safe("".join(out))  # noqa: S308 - every value escaped
