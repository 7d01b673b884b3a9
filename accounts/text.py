"""Joining translated pieces with the punctuation of the page's language: full-width ：；、 in Chinese.

Code that builds a line out of parts ("label: value", a list of reasons) joins them here rather than with an
ASCII ": " or "; ", so a Chinese page never shows "身份证号码: …". Whole sentences stay whole msgids with
placeholders; these are only for lists and label/value pairs whose parts are already translated.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

# Django's forms put gettext(":") after every label. Django's own Chinese catalogue leaves it ASCII; this
# marks it for our catalogue, which comes first and gives the full-width colon.
LABEL_SUFFIX = gettext_noop(":")


def labelled(label, value) -> str:
    """"label: value" in the active language."""
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}


def clauses(parts: Iterable) -> str:
    """Separate statements (reasons, errors) one after the other: "a; b" ("a；b")."""
    return gettext("; ").join(str(part) for part in parts)


def enumeration(parts: Iterable) -> str:
    """Items of one list: "a, b" ("a、b")."""
    return gettext(", ").join(str(part) for part in parts)


def recorded(text) -> str:
    """A text stored once and read by the bureau later (a history's change reason, a stop reason): in the
    bureau's record language, settings.LANGUAGE_CODE, whatever the language of the request that writes it."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)
