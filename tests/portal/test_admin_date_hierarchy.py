"""A date hierarchy's year, month or day in the address that is no date (10**20, 9999, 13) sends the admin back to
its list with the wrong-filter notice (?e=1), as any wrong filter does: never a 500."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

HIERARCHIES = sorted((model._meta.app_label, model._meta.model_name, model_admin.date_hierarchy)
                     for model, model_admin in admin.site._registry.items() if model_admin.date_hierarchy)


def test_there_are_date_hierarchies_to_check():
    assert len(HIERARCHIES) >= 3


@pytest.mark.parametrize("app,model,field", HIERARCHIES)
@pytest.mark.parametrize("query", ["{f}__year=99999999999999999999", "{f}__year=9999", "{f}__year=2026&{f}__month=13",
                                   "{f}__year=2026&{f}__month=2&{f}__day=30"])
def test_a_date_hierarchy_value_that_is_no_date_is_a_wrong_filter(client, users, app, model, field, query):
    client.force_login(users["admin"])
    url = reverse(f"admin:{app}_{model}_changelist")
    response = client.get(f"{url}?{query.format(f=field)}")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")
