"""A user's permissions come from the cache while the grants are unchanged (accounts/permission_cache.py), and a
change of roles or grants shows on the user's next request."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role

PERMISSION_TABLES = ('"auth_permission"',)


def permission_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return sum(1 for q in queries.captured_queries if any(t in q["sql"] for t in PERMISSION_TABLES))


def test_a_warm_request_reads_no_permissions(client, users):
    client.force_login(users["reviewer"])
    url = reverse("workflow:workbench")
    assert permission_queries(client, url) == 2  # cold: the user's own and the roles'
    assert permission_queries(client, url) == 0
    assert client.get(url).status_code == 200


def test_a_role_taken_away_shows_on_the_next_request(client, users):
    reviewer = users["reviewer"]
    client.force_login(reviewer)
    url = reverse("workflow:workbench")
    assert client.get(url).status_code == 200
    reviewer.groups.remove(Group.objects.get(name=Role.REVIEWER.value))
    assert client.get(url).status_code == 403
    reviewer.groups.add(Group.objects.get(name=Role.REVIEWER.value))
    assert client.get(url).status_code == 200


def test_a_roles_grant_withdrawn_shows_on_the_next_request(client, users):
    client.force_login(users["reviewer"])
    url = reverse("workflow:workbench")
    assert client.get(url).status_code == 200
    Group.objects.get(name=Role.REVIEWER.value).permissions.clear()
    assert client.get(url).status_code == 403


def test_a_users_own_permission_shows_on_the_next_request(client, users):
    leader = users["leader"]
    client.force_login(leader)
    url = reverse("accounts:two-factor-staff")
    assert client.get(url).status_code == 403
    leader.user_permissions.add(Permission.objects.get(codename="reset_second_factor"))
    assert client.get(url).status_code == 200
