"""Template helpers for pages of other apps that mention a case."""

from django import template
from django.utils.html import format_html

from workflow.permissions import can_view
from workflow.registry import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def case_number(context, case):
    """The case number, a link to the case only when the viewer may open it (no link that ends in a 404)."""
    if case is None:
        return "—"
    request = context.get("request")
    if request is not None and can_view(request.user, case):
        return format_html('<a href="{}">{}</a>', case.get_absolute_url(), case.number)
    return format_html("<span>{}</span>", case.number)


@register.filter
def service_name(code: str) -> str:
    """The name of a registered business, for a page that holds only its code (a prompt's suggestion)."""
    return registry.get(code).name if code in registry else ""
