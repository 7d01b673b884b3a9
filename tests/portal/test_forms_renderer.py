"""portal.forms_renderer writes the plainest widgets in Python: the bytes must be the template engine's, for every
widget kind it writes, with values that need escaping, localising or are already safe, in both languages."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from portal.forms_renderer import WRITERS, PortalFormRenderer

HOSTILE = '<script>alert("x")</script> & \'quoted\''
CHOICES = [("", "—"), (1, "一"), ("b<", HOSTILE), ("lazy", gettext_lazy("Status")),
           ("组", [("x", "X & Y"), (2, mark_safe("<b>safe</b>"))]), (Decimal("1.50"), date(2026, 1, 2))]

WIDGETS = [
    (forms.TextInput(), [None, "", 0, "plain", HOSTILE, mark_safe("<i>safe</i>"), gettext_lazy("Status"),
                         Decimal("1234.50")]),
    (forms.TextInput(attrs={"maxlength": 18, "required": True, "disabled": False, "placeholder": HOSTILE,
                            "inputmode": "numeric", "data-x": gettext_lazy("Status"), "autocomplete": "off"}),
     ["370503196501051242"]),
    (forms.NumberInput(attrs={"step": "0.01", "min": 0}), [None, 12, Decimal("99999.99"), "1e9"]),
    (forms.EmailInput(), ["a@b.cn"]), (forms.URLInput(), ["https://x.cn/?a=1&b=2"]),
    (forms.PasswordInput(render_value=True), ["p<a>ss"]), (forms.HiddenInput(), [HOSTILE, 5, None]),
    (forms.DateInput(attrs={"type": "date"}), [date(2026, 12, 6), "2026-13-40", None]),
    (forms.DateTimeInput(), [None]), (forms.TimeInput(), [None]),
    (forms.CheckboxInput(), [True, False, None, "", "on"]),
    (forms.Textarea(attrs={"rows": 3}), [None, "", "line one\nline <two>", mark_safe("<b>x</b>"), 0]),
    (forms.Select(choices=CHOICES), [None, "", 1, "1", "b<", "x", "2", "1.50"]),
    (forms.Select(choices=CHOICES, attrs={"class": "x", "required": True, "aria-describedby": "help"}), ["lazy"]),
    (forms.SelectMultiple(choices=CHOICES), [[], ["1", "x"], None]),
    (forms.NullBooleanSelect(), [None, True, False, "unknown"]),
    (forms.Select(choices=[(year, year) for year in range(1990, 2027)]), [2020]),
]


def _pairs():
    for widget, values in WIDGETS:
        for value in values:
            yield widget, value


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("widget", "value"), list(_pairs()))
def test_each_widget_is_written_as_the_template_engine_renders_it(widget, value, language):
    with translation.override(language):
        context = widget.get_context("field<name>", value, {"id": "id_field"})
        name = widget.template_name
        assert name in WRITERS
        written = PortalFormRenderer().render(name, context)
        assert written == TemplatesSetting().render(name, context)


def test_a_whole_form_renders_the_same_through_both_renderers():
    class Everything(forms.Form):
        text = forms.CharField(max_length=30, help_text="help")
        number = forms.DecimalField(max_digits=8, decimal_places=2)
        when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
        choice = forms.ChoiceField(choices=CHOICES)
        yes = forms.BooleanField(required=False)
        note = forms.CharField(widget=forms.Textarea, required=False)
        radio = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)  # templates only

    data = {"text": HOSTILE, "number": "12.5", "when": "2026-12-06", "choice": "b<", "yes": "on", "note": HOSTILE,
            "radio": "a"}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            fast = str(Everything(data, renderer=PortalFormRenderer()))
            slow = str(Everything(data, renderer=TemplatesSetting()))
            assert fast == slow and "&lt;script&gt;" in fast


def test_a_widget_template_overridden_in_templates_is_left_to_the_engine(settings, tmp_path):
    override = tmp_path / "django" / "forms" / "widgets" / "textarea.html"
    override.parent.mkdir(parents=True)
    override.write_text("<textarea>{{ widget.value }}</textarea>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    renderer = PortalFormRenderer()
    assert "django/forms/widgets/textarea.html" not in renderer.writers
    assert "django/forms/widgets/select.html" in renderer.writers  # the project's own override: the same markup
