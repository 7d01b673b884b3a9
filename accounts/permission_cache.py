"""A logged-in user's permissions from the cache instead of two queries on every request.

Every page asks for the user's permissions (AccessMiddleware, the navigation): Django's ModelBackend reads them
with two queries per request (the user's own, and through the user's groups, our roles), though they change only
when a role is given or taken or a role's grants are synced. PermissionCacheMiddleware hands the backend the two
sets from the cache (default cache, Redis in production), where they are kept per user with the version of the
grants they were read at; the backend then asks the database nothing (it keeps them on the user object for the
request, as it does after its own queries). Any change of the grants — a user's groups or own permissions, a
group's permissions, a group or a permission saved or deleted — sets a new version, at once and again when its
transaction commits (so a set read in between is not kept), and every user's next request reads them afresh. An
entry older than PERMISSIONS_SECONDS is read afresh anyway (a change made while Redis was down lasts no longer).
The key carries the user's date joined and superuser flag: another user given a reused id never meets an entry
that is not theirs. Without the cache (Redis down: ResilientRedisCache misses) it is Django's ModelBackend, query
for query. AUTHENTICATION_BACKENDS is unchanged, so sessions made before stay valid.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "auth:permissions:version"
PERMISSIONS_SECONDS = 300


def _new_version(**_kwargs) -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def grants_changed(**_kwargs) -> None:
    """A user's roles or a role's grants changed: every cached set is stale (now, and once it is committed)."""
    _new_version()
    transaction.on_commit(_new_version)


def _key(user) -> str:
    joined = user.date_joined.timestamp() if getattr(user, "date_joined", None) else 0
    return f"auth:permissions:{user.pk}:{joined:.6f}:{int(user.is_superuser)}"


def prime(user) -> None:
    """Give the user object the permission sets ModelBackend would read (from the cache, or read and cached)."""
    if not user.is_active or hasattr(user, "_perm_cache"):
        return
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    key = _key(user)
    cached = cache.get(key) if version is not None else None
    if cached is not None and cached[0] == version:
        user._user_perm_cache, user._group_perm_cache = cached[1], cached[2]
    else:
        backend = ModelBackend()
        own, through_roles = backend.get_user_permissions(user), backend.get_group_permissions(user)
        if version is not None:
            cache.set(key, (version, own, through_roles), PERMISSIONS_SECONDS)
    user._perm_cache = {*user._user_perm_cache, *user._group_perm_cache}


class PermissionCacheMiddleware:
    """After the user is known: their permissions from the cache (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            prime(user)
        return self.get_response(request)


def connect() -> None:
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from accounts.models import User

    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(grants_changed, sender=through, dispatch_uid=f"permission_cache.{through.__name__}")
    for model in (Group, Permission):
        post_save.connect(grants_changed, sender=model, dispatch_uid=f"permission_cache.save.{model.__name__}")
        post_delete.connect(grants_changed, sender=model, dispatch_uid=f"permission_cache.delete.{model.__name__}")
