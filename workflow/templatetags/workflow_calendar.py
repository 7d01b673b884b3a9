"""The calendar warning where a template has no view of its own to pass it (the admin's index page)."""

from django import template

from workflow.selectors.calendar import calendar_warning as _calendar_warning

register = template.Library()


@register.simple_tag
def calendar_warning() -> str:
    return _calendar_warning()
