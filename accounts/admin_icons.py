"""The admin's yes/no icons, with their alt text in the page's language.

Django writes alt="True", alt="False" or alt="None" on them (django.contrib.admin.templatetags.admin_list.
_boolean_icon, which the changelists and the read-only fields import at each call): English read out on a
Chinese page, which no catalogue translates. `use_translated_icons()` (from AccountsConfig.ready) puts this one
in its place.
"""

from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext

_ICONS = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(field_val) -> str:
    text = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}[field_val]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{_ICONS[field_val]}.svg"), text)


def use_translated_icons() -> None:
    admin_list._boolean_icon = boolean_icon
