"""The repeated items of the public tracking page, rendered in Python: the page is the portal's most read, its
first view included, and a template loop costs several times more per item (one tag per list instead). Every
value is escaped (html.escape, as django.utils.html.escape does)."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_CURRENT = ' aria-current="step"'


@register.simple_tag
def tracking_stages(case) -> SafeString:
    """The <li> of each stage of the case: done, current (aria-current) or to do."""
    items = (
        '<li class="stage stage-{}"{}><span class="sr-only">{} </span>{}</li>'.format(
            escape(stage.state), _CURRENT if stage.current else "", escape(stage.prefix), escape(stage.label))
        for stage in case.stages
    )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped


@register.simple_tag
def tracking_timeline(case) -> SafeString:
    """The <li> of each public step: when, what, and where and by whom when known."""
    items = (
        '<li><time class="muted small" datetime="{}">{}</time><br><strong>{}</strong>{}</li>'.format(
            escape(step.iso), escape(step.when), escape(step.label),
            f'<br><span class="small">{escape(step.where)}</span>' if step.where else "")
        for step in case.timeline
    )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped
