"""Menus and home pages that apps register, so the layouts list each user's pages without knowing the apps."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


@dataclass(frozen=True)
class NavItem:
    section: str  # "staff", "resident", "employer"
    label: str  # lazily translated
    url_name: str
    perm: str
    order: int = 100


@dataclass(frozen=True)
class Home:
    perm: str
    url_name: str
    priority: int  # the highest-priority home a user may use wins


_NAV: list[NavItem] = []
_HOMES: list[Home] = []


def register_nav(*, section: str, label, url_name: str, perm: str, order: int = 100) -> None:
    item = NavItem(section=section, label=label, url_name=url_name, perm=perm, order=order)
    if item not in _NAV:
        _NAV.append(item)


def register_home(*, perm: str, url_name: str, priority: int) -> None:
    home = Home(perm=perm, url_name=url_name, priority=priority)
    if home not in _HOMES:
        _HOMES.append(home)


def nav_for(user, section: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    perms = user.get_all_permissions()
    items = sorted((i for i in _NAV if i.section == section and i.perm in perms), key=lambda i: i.order)
    return [{"label": i.label, "url": reverse(i.url_name), "url_name": i.url_name} for i in items]


def home_url_for(user) -> str | None:
    perms = user.get_all_permissions()
    homes = sorted((h for h in _HOMES if h.perm in perms), key=lambda h: -h.priority)
    return reverse(homes[0].url_name) if homes else None


def safe_next(request: HttpRequest) -> str | None:
    """The page an action was posted from (a list, the board, the desk), if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return None
