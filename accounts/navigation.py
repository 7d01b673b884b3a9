"""Menus and home pages that apps register, so the layouts list each user's pages without knowing the apps."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import get_script_prefix, get_urlconf, reverse
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


# A path of this site: printable ASCII only (a browser sends anything else percent-encoded), at most 2,000 long.
_SAFE_PATH = re.compile(r"/[!-~]{0,1999}")

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


@lru_cache(maxsize=512)
def _menu_url(url_name: str, _prefix: str, _urlconf: str, _root: str) -> str:
    return reverse(url_name, urlconf=_urlconf or None)


def menu_url(url_name: str) -> str:
    """A menu entry's address: the same for every request under one script prefix and URLconf, so reversed once
    per process and not on every page (a staff menu is a dozen reverse() calls, about 0.4 ms a page)."""
    return _menu_url(url_name, get_script_prefix(), get_urlconf() or "", settings.ROOT_URLCONF)


def nav_for(user, section: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    perms = user.get_all_permissions()
    items = sorted((i for i in _NAV if i.section == section and i.perm in perms), key=lambda i: i.order)
    return [{"label": i.label, "url": menu_url(i.url_name), "url_name": i.url_name} for i in items]


def home_url_for(user) -> str | None:
    perms = user.get_all_permissions()
    homes = sorted((h for h in _HOMES if h.perm in perms), key=lambda h: -h.priority)
    return reverse(homes[0].url_name) if homes else None


def safe_next(request: HttpRequest) -> str | None:
    """The page an action was posted from (a list, the board, the desk), if it is a path on this site: "/…" and
    nothing else (never "-1", "１２３", another host, a scheme or a URL name), so that redirecting to it cannot
    fail after the action is done nor lead elsewhere."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not _SAFE_PATH.fullmatch(target) or target.startswith(("//", "/\\")):
        return None
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return None


def back_to(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Where an action goes back to: the safe `next` page or `default` (a path). Work it out BEFORE the action
    runs, so that nothing after the commit can turn a done action into an error page."""
    return HttpResponseRedirect(safe_next(request) or default)
