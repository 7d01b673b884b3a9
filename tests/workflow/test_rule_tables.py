"""The rule tables whose rows the code reads by their code (the labour and rating time limits, the services, the
proof-of-life methods and evidence kinds): the bureau edits their figures in the admin, and no one, a superuser
included, adds or deletes a row. The time-limit tables share their fields (workflow.models.sourced) and each keeps
its own bounds."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.admin_mixins import FixedRowsAdminMixin
from accounts.models import User
from insurance.models import ProofMethod, SilentEvidenceKind
from labour.models import TimeLimitRule
from workflow.models import RatingTimeLimit, ServiceType
from workflow.models.sourced import Sourced, TimeLimitTable

pytestmark = pytest.mark.django_db

FIXED = (TimeLimitRule, RatingTimeLimit, ServiceType, ProofMethod, SilentEvidenceKind)


@pytest.fixture
def root(client, demo):
    client.force_login(User.objects.create_superuser(username="root", password="Root#2026long",
                                                     kind=User.Kind.STAFF))
    return client


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_fixed_tables_are_exactly_those_whose_admin_refuses_add_and_delete():
    fixed = {model for model, model_admin in admin.site._registry.items()
             if isinstance(model_admin, FixedRowsAdminMixin)}
    assert fixed == set(FIXED)


@pytest.mark.parametrize("model", FIXED, ids=lambda m: m.__name__)
def test_a_superuser_can_change_a_row_but_neither_add_nor_delete_one(root, model):
    row = model.objects.order_by("pk").first()
    assert row is not None, "the data migrations load these rows"
    assert root.get(_url(model, "changelist")).status_code == 200
    assert root.get(_url(model, "change", row.pk)).status_code == 200
    assert root.get(_url(model, "add")).status_code == 403
    assert root.get(_url(model, "delete", row.pk)).status_code == 403
    before = model.objects.count()
    assert root.post(_url(model, "changelist"), {"action": "delete_selected", "_selected_action": [row.pk],
                                                 "post": "yes"}).status_code in (200, 302)
    assert model.objects.count() == before


@pytest.mark.parametrize(("model", "longest"), [(TimeLimitRule, 1000), (RatingTimeLimit, 365)],
                         ids=["labour", "rating"])
def test_a_time_limit_is_edited_within_its_own_bounds_and_a_wrong_figure_changes_nothing(root, model, longest):
    row = model.objects.order_by("code").first()
    url = _url(model, "change", row.pk)
    page = root.get(url).content.decode()
    assert page.index(row.get_code_display()) < page.index('id="id_days"') < page.index('id="id_unit"') < page.index(
        'id="id_source"') < page.index('id="id_verified"')  # the limit, its figure, then where it comes from
    form = {"unit": "calendar", "source": "《东营市人社局文件》2027年", "verified": "on"}
    for wrong in (0, longest + 1, -3, "十天"):
        page = root.post(url, {**form, "days": wrong})
        assert page.status_code == 200 and "errornote" in page.content.decode(), wrong
        assert model.objects.get(pk=row.pk).days == row.days
    assert root.post(url, {**form, "days": longest}).status_code == 302
    changed = model.objects.get(pk=row.pk)
    assert (changed.days, changed.unit, changed.verified) == (longest, "calendar", True)
    assert str(changed) == f"{changed.get_code_display()} {longest}"


def test_every_time_limit_table_and_every_sourced_row_say_where_their_figures_come_from():
    from django.apps import apps

    sourced = [m for m in apps.get_models() if issubclass(m, Sourced)]
    assert {TimeLimitRule, RatingTimeLimit} <= {m for m in sourced if issubclass(m, TimeLimitTable)}
    assert len(sourced) >= 12  # insurance's rates and bases, employment's subsidies and levels, the time limits
    for model in sourced:
        verified = model._meta.get_field("verified")
        assert verified.default is False and "本局确认" in str(verified.help_text), model
        assert model._meta.get_field("source").blank, model
