"""The kinds of SMS the portal sends, each with its text and the named parameters that text takes.

A domestic provider sends no free text: each kind goes out through a template the bureau registered with the
provider (workflow.models.SmsTemplate maps a kind to its template code). The module that writes a kind's text
registers it here, so the admin can list every kind, the parameters a template may use and the text to
register; Twilio and the console send the rendered text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")

# What each parameter holds, for people: the admin names variables so (their names are for the provider).
PARAM_LABELS = {
    "service": _("service name"), "number": _("case number"), "code": _("code"), "url": _("tracking link"),
    "extra": _("note"), "hall": _("service hall"), "date": _("date"), "time": _("time"),
    "materials": _("materials to bring"), "last4": _("last four digits of the card"), "amount": _("amount"),
    "month": _("month"), "due": _("due date"), "last": _("date of the last proof"), "name": _("name"),
    "day": _("day"), "reasons": _("reasons"), "employer": _("employer"), "username": _("user name"),
    "days": _("days"), "minutes": _("minutes"), "link": _("rating link"),
}


def param_label(name: str) -> str:
    return str(PARAM_LABELS.get(name, name))


@dataclass(frozen=True)
class SmsKind:
    code: str  # e.g. "case.accepted": stored with each message
    text: object  # a lazy translation with %(name)s placeholders

    @property
    def params(self) -> tuple[str, ...]:
        names = _PLACEHOLDER.findall(str(self.text))
        return tuple(dict.fromkeys(names))

    def render(self, params: dict) -> str:
        """The text in Chinese (what Twilio and the console send)."""
        with translation.override("zh-hans"):
            return (str(self.text) % params).strip()

    def label(self) -> str:
        """The Chinese text with each variable named in words: how the admin tells the kinds apart."""
        with translation.override("zh-hans"):
            text = str(self.text)
        return _PLACEHOLDER.sub(lambda m: f"〔{param_label(m.group(1))}〕", text).strip()

    def template_text(self) -> str:
        """The Chinese text with ${name} variables: what the bureau submits to the provider for review."""
        with translation.override("zh-hans"):
            return _PLACEHOLDER.sub(r"${\1}", str(self.text)).strip()


_kinds: dict[str, SmsKind] = {}


def sms_kind_register(code: str, text) -> SmsKind:
    """Declare a kind of message and its text (at import time of the module that sends it)."""
    kind = SmsKind(code=code, text=text)
    known = _kinds.setdefault(code, kind)
    if known.text != text:
        raise ValueError(f"SMS kind {code!r} is registered twice with different texts.")
    return known


def sms_kind_get(code: str) -> SmsKind | None:
    return _kinds.get(code)


def sms_kinds() -> list[SmsKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.code)
