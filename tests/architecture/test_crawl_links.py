"""Every page as every role reads it, on the demo data of `make run`: each demo user follows every link from
their home (bounded). No page answers 5xx; every page has a title; a Chinese page shows no Latin words (but
proper terms and user names), no code identifiers and no figure with a float's tail (tests/architecture/pages.py).
The pages of the permission tables, with objects each role may and may not see: test_crawl_tables.py."""

from __future__ import annotations

from collections import Counter, deque

import pytest
from django.test import Client
from django.urls import reverse

from tests.architecture.pages import check_page, report

# The demo logins (README), by user name; the resident is found by kind.
DEMO_USERS = ("clerk", "clerk2", "streetclerk", "communityclerk", "reviewer", "reviewer2", "head", "head2", "leader",
              "admin", "resident", "employer", "employer2")
MAX_PAGES = 160  # per role
MAX_VARIANTS = 3  # query strings per path (filters, pages, sort orders)
NEVER_FOLLOW = ("/static/", "/media/", "/accounts/logout/", "/admin/logout/", "/i18n/")


def _user(role: str):
    from accounts.models import User

    return (User.objects.filter(kind=User.Kind.RESIDENT).order_by("pk").first() if role == "resident"
            else User.objects.get(username=role))


def _login(role: str) -> Client:
    client = Client()
    client.force_login(_user(role))
    return client


@pytest.mark.slow
@pytest.mark.parametrize("role", DEMO_USERS)
def test_each_role_follows_every_link_from_home(role, seeded_demo, db):
    client = _login(role)
    queue, seen, variants = deque([reverse("accounts:home")]), set(), Counter()
    found, failures = {}, {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        path = url.split("?")[0]
        if url in seen or path.startswith(NEVER_FOLLOW) or ("?" in url and variants[path] >= MAX_VARIANTS):
            continue
        seen.add(url)
        variants[path] += "?" in url
        queue.extend(check_page(client, url, found, failures))
    assert len(found) >= 3, f"{role} reached only {sorted(found)}"
    assert not failures, report(role, failures)


def _admin_pages(user) -> list[str]:
    """The changelist, the add page and a sample object's change and history pages of every model registered
    in the admin that the user may see there: links from the admin's index do not reach every form."""
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    urls = [reverse("admin:index")]
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        if not model_admin.has_view_or_change_permission(request):
            continue
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{info}_add"))
        sample = model_admin.get_queryset(request).order_by("pk").first()
        if sample is not None:
            urls += [reverse(f"{info}_change", args=[sample.pk]), reverse(f"{info}_history", args=[sample.pk])]
    return urls


@pytest.mark.slow
@pytest.mark.parametrize("role", ("admin", "head", "head2"))
def test_admin_staff_read_every_admin_form_in_chinese(role, seeded_demo, db):
    client = _login(role)
    found, failures = {}, {}
    for url in _admin_pages(_user(role)):
        check_page(client, url, found, failures)
    assert len(found) >= 5, f"{role} reached only {sorted(found)}"
    assert not failures, report(role, failures)
