"""The form renderer: Django's TemplatesSetting (templates/ may override a widget's template as it overrides a
page), with the plainest and most frequent widgets written in Python instead of through the template engine.

A form page's widgets went through the template engine one include at a time: an <input> is input.html plus
attrs.html (a loop over its attributes), a <select> a loop over its options, each with its attributes: the
statement form's one select of years cost half the page's rendering. Here the same markup is produced by string
formatting, with the template language's own rules for each value (`render_value_in_context`: localisation and
escaping; `stringformat:'s'` keeping a safe value safe). tests/portal/test_forms_renderer.py renders every
widget kind both ways, with hostile values, and requires the same bytes; a widget template overridden in
templates/ other than select.html (whose override writes the same markup) is left to the template engine.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.forms.renderers import TemplatesSetting
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe


class _Context:
    """What render_value_in_context reads of a template's context: a widget template's defaults."""

    autoescape = True
    use_l10n = None
    use_tz = None


_CONTEXT = _Context()


def _out(value) -> str:
    """{{ value }}"""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value) -> str:
    """{{ value|stringformat:'s' }}"""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 - exactly what stringformat:"s" does
    except (ValueError, TypeError):  # pragma: no cover - what the filter does for a value that cannot format
        text = ""
    return _out(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308 - it was safe already


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(f" {_out(name)}" if value is True else f' {_out(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html (and the widgets that only include it)"""
    value = f' value="{_formatted(widget["value"])}"' if widget["value"] != None else ""  # noqa: E711 - as {% if %}
    return f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _option(option: dict) -> str:
    """django/forms/widgets/select_option.html"""
    return f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>{_out(option["label"])}</option>'


def _select(widget: dict) -> str | None:
    """django/forms/widgets/select.html (None when an option has a template of its own)"""
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _OPTION:
                return None
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    """django/forms/widgets/textarea.html"""
    value = _out(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


_OPTION = "django/forms/widgets/select_option.html"
_INPUTS = ("input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time", "search",
           "tel", "color", "checkbox")
WRITERS = {
    **{f"django/forms/widgets/{name}.html": _input for name in _INPUTS},
    "django/forms/widgets/select.html": _select,
    _OPTION: _option,
    "django/forms/widgets/textarea.html": _textarea,
}
# select.html is overridden in templates/ with the same markup (options written in place); any other override
# there wins over the Python writer.
_SAME_MARKUP = {"django/forms/widgets/select.html"}


class PortalFormRenderer(TemplatesSetting):
    def __init__(self):
        super().__init__()
        directories = [d for engine in settings.TEMPLATES for d in engine.get("DIRS", ())]
        self.writers = {name: write for name, write in WRITERS.items() if name in _SAME_MARKUP
                        or not any((Path(directory) / name).exists() for directory in directories)}

    def render(self, template_name, context, request=None):
        write = self.writers.get(template_name)
        if write is not None and "widget" in context:
            written = write(context["widget"])
            if written is not None:
                return written
        return super().render(template_name, context, request=request)
