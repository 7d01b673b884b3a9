"""How records of Django and django-axes name themselves, in the language of the page.

Their own `__str__` and the verbose names Django gives the tables it creates for many-to-many fields are English
that no catalogue can translate: a role group is named by its code ("counter_clerk"), a permission by the
English sentence stored when it was created ("Can add access log"), a login record reads
"Access Log for admin @ 2026-12-06 01:40:42.055014+00:00", and a user's role "User_groups object (1)". The admin
shows them in titles, breadcrumbs, selects, filters and delete confirmations. `name_records()` (from
AccountsConfig.ready) gives each class a `__str__` that reads in the active language, built from what the code
already names in Chinese: the roles (accounts.roles.Role), the models' verbose names, their Meta.permissions.
"""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role

# The model permissions Django creates for every model, by the prefix of their codename.
_DEFAULT_PERMISSIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def role_label(name: str) -> str:
    """A role group's name is its code: people read the role's label."""
    return str(Role(name).label) if name in Role.values else name


def permission_label(permission) -> str:
    """What a permission allows, in the active language: a model permission from its model's verbose name, a
    custom one from its model's Meta.permissions (the stored name is the English of the day it was created)."""
    model = permission.content_type.model_class()
    if model is None:
        return permission.name
    custom = dict(model._meta.permissions).get(permission.codename)
    if custom is not None:
        return str(custom)
    action = permission.codename.split("_", 1)[0]
    if action in _DEFAULT_PERMISSIONS and permission.codename == f"{action}_{model._meta.model_name}":
        return str(_DEFAULT_PERMISSIONS[action]) % {"model": model._meta.verbose_name}
    return gettext(permission.name)


def _permission_str(permission) -> str:
    return f"{permission.content_type} | {permission_label(permission)}"


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i:s") if value else "—"


def _access_log_str(log) -> str:
    return gettext("%(username)s logged in at %(time)s") % {"username": log.username, "time": _moment(
        log.attempt_time)}


def _access_failure_str(failure) -> str:
    text = (_("%(username)s failed to log in at %(time)s from %(address)s, and was locked out")
            if failure.locked_out else _("%(username)s failed to log in at %(time)s from %(address)s"))
    return str(text) % {"username": failure.username, "time": _moment(failure.attempt_time),
                        "address": failure.ip_address}


def _access_attempt_str(attempt) -> str:
    return gettext("Failed logins of %(username)s from %(address)s since %(time)s") % {
        "username": attempt.username, "address": attempt.ip_address, "time": _moment(attempt.attempt_time)}


def _link_name(from_model, to_model):
    return lazy(lambda: gettext("%(from)s–%(to)s link") % {"from": from_model._meta.verbose_name,
                                                            "to": to_model._meta.verbose_name}, str)()


def _name_link_tables() -> None:
    """The tables Django creates for many-to-many fields ("User-group relationship", "User_groups object (1)")."""
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.auto_created:
            continue
        source, target = [field for field in model._meta.fields if field.is_relation][:2]
        model._meta.verbose_name = _link_name(source.related_model, target.related_model)
        model._meta.verbose_name_plural = model._meta.verbose_name
        model.__str__ = (lambda row, a=source.name, b=target.name: f"{getattr(row, a)} — {getattr(row, b)}")


def name_records() -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group, Permission

    Group.__str__ = lambda group: role_label(group.name)
    Permission.__str__ = _permission_str
    AccessLog.__str__ = _access_log_str
    AccessFailureLog.__str__ = _access_failure_str
    AccessAttempt.__str__ = _access_attempt_str
    _name_link_tables()
