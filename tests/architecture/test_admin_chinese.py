"""The Django admin reads in Chinese: a check of a few seconds for what the crawl (test_crawl_links) reads on every
admin page. Names the admin shows for records of Django and django-axes (roles, permissions, login records, the
tables of many-to-many fields), the values on the history pages, every label and help text of every model the
admin shows; then the index and, for each app, a changelist, a change form and a history page on the demo data,
read with tests.architecture.pages.problems."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.utils import timezone, translation
from simple_history.models import DeletedObject

from accounts.admin_history import readable_value
from accounts.models import User
from insurance.models import Card, CardBatch
from tests.architecture.pages import latin_words


@pytest.fixture
def chinese():
    with translation.override("zh-hans"):
        yield


def test_roles_and_permissions_are_named_in_chinese(db, chinese):
    clerk = Group.objects.get(name="counter_clerk")
    assert str(clerk) == "综合柜员"
    window = Permission.objects.get(codename="operate_window")
    add_log = Permission.objects.get(codename="add_accesslog")
    for permission in (window, add_log, *Permission.objects.all()):
        assert not latin_words(str(permission)), str(permission)
    assert str(add_log).endswith("可增加登录记录")
    link = User.groups.through.objects.get(user=User.objects.get(username="clerk"), group=clerk)
    assert str(link).endswith("— 综合柜员") and not latin_words(str(User.groups.through._meta.verbose_name))


def test_login_records_are_named_in_chinese_to_the_second(db, chinese):
    at = timezone.make_aware(datetime.datetime(2026, 12, 6, 9, 40, 42, 55014))
    login = {"username": "clerk", "ip_address": "10.0.0.1", "attempt_time": at, "user_agent": "", "http_accept": "",
             "path_info": "/accounts/login/"}
    records = [AccessLog(**login), AccessFailureLog(**login, locked_out=True),
               AccessAttempt(**login, get_data="", post_data="", failures_since_start=3)]
    for record in records:
        text = str(record)
        assert "2026-12-06 09:40:42" in text and "055014" not in text, text
        assert not latin_words(text) - {"clerk"}, text
    assert str(apps.get_app_config("axes").verbose_name) == "登录记录"


def test_history_pages_show_values_as_people_read_them(chinese):
    status, batch = Card._meta.get_field("status"), Card._meta.get_field("batch")
    assert readable_value(status, Card.Status.IN_PRODUCTION) == str(Card.Status.IN_PRODUCTION.label)
    moment = timezone.make_aware(datetime.datetime(2026, 12, 6, 1, 40, 31, 784719), datetime.UTC)
    assert readable_value(Card._meta.get_field("ready_at"), moment) == "2026-12-06 09:40"
    assert readable_value(Card._meta.get_field("ready_at"), None) == "—"
    assert readable_value(batch, DeletedObject(CardBatch, None)) == "—"
    assert readable_value(batch, DeletedObject(CardBatch, 7)) == "已删除的制卡批次"
    assert readable_value(Card._meta.get_field("number"), Decimal("1.50")) == "1.50"


def _admin_models():
    """The models the admin shows: the registered ones and their inlines."""
    shown = set()
    for model, model_admin in admin.site._registry.items():
        shown.add(model)
        shown.update(inline.model for inline in model_admin.inlines)
    return sorted(shown, key=lambda model: model._meta.label)


def test_every_label_of_every_model_the_admin_shows_reads_in_chinese(chinese):
    """Field names, help texts and choices become column heads, labels and filters: each has its Chinese."""
    english = []
    for model in _admin_models():
        meta = model._meta
        for what, text in (("name", meta.verbose_name), ("plural", meta.verbose_name_plural),
                           ("app", meta.app_config.verbose_name)):
            if latin_words(str(text)):
                english.append(f"{meta.label} {what}: {text}")
        for field in meta.get_fields():
            if field.auto_created and not field.concrete:
                continue
            texts = [str(field.verbose_name), str(field.help_text or "")]
            texts += [str(label) for _value, label in getattr(field, "flatchoices", None) or ()]
            english += [f"{meta.label}.{field.name}: {text!r}" for text in texts if latin_words(text)]
    assert not english, "\n".join(english)

