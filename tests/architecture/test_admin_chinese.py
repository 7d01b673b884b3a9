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
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.models import DeletedObject

from accounts.admin_history import readable_value
from accounts.models import User
from insurance.models import Card, CardBatch
from tests.architecture.pages import check_page, latin_words, report


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
    # A version's kind: "Created" is an action here, not a column of times (a card batch's page says "Created at").
    kinds = dict(Card.history.model._meta.get_field("history_type").flatchoices)
    assert [str(kinds[kind]) for kind in "+~-"] == ["已创建", "已修改", "已删除"]


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



def test_a_name_field_says_whose_name_it_is(chinese):
    """"name" is a person's 姓名: an office, an employer, a region... each has its own word."""
    from accounts.models import ApiClient, Employer, Office, Person, Region
    from workflow.models import CalendarDay, EscalationPolicy

    labels = {model.__name__: str(model._meta.get_field("name").verbose_name)
              for model in (Person, Employer, Office, Region, ApiClient, CalendarDay, EscalationPolicy)}
    assert labels == {"Person": "姓名", "Employer": "单位名称", "Office": "机构名称", "Region": "区划名称",
                      "ApiClient": "客户端名称", "CalendarDay": "节日名称", "EscalationPolicy": "规则名称"}

# For each app, the models whose pages hold what the admin must translate or read out: role names and
# permissions, login records, the history of a card, a case's application and checks, a determination's evidence,
# a grant's criteria and details, a cancelled payment, a statement's figures.
SAMPLES = {
    "accounts": {"user": {"username": "clerk"}, "person": {}},
    "auth": {"group": {"name": "counter_clerk"}},
    "axes": {"accesslog": {}},
    "admin": {"logentry": {}},
    "workflow": {"case": {"checks__isnull": False, "service__code": "employment.benefit"}, "servicetype": {},
                 "escalationpolicy": {}, "outboundmessage": {}},
    "insurance": {"card": {"status": "active"}, "pension": {}, "rightsstatement": {}, "paymentorder": {},
                  "contributionrate": {}},
    "employment": {"difficultydetermination": {}, "subsidygrant": {}, "prompt": {}, "statusperiod": {},
                   "payment": {"failure_reason": "re_employed"}, "subsidyrule": {}},
    "counter": {"appointmentslot": {}, "window": {}},
    "portal": {"apirequestlog": {}},
}


def _pages(app_label: str, model_name: str, lookup: dict) -> list[str]:
    model = apps.get_model(app_label, model_name)
    info = f"admin:{app_label}_{model_name}"
    urls = [reverse(f"{info}_changelist")]
    sample = model._default_manager.filter(**lookup).order_by("pk").first()
    if sample is not None:
        urls += [reverse(f"{info}_change", args=[sample.pk]), reverse(f"{info}_history", args=[sample.pk])]
    return urls


@pytest.mark.parametrize("app_label", sorted(SAMPLES))
def test_each_app_reads_in_chinese_in_the_admin(app_label, seeded_demo, db):
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    found, failures = {}, {}
    urls = [reverse("admin:index"), reverse("admin:app_list", args=[app_label])]
    for model_name, lookup in SAMPLES[app_label].items():
        urls += _pages(app_label, model_name, lookup)
    for url in urls:
        check_page(client, url, found, failures)
    assert len(found) == len(urls), f"not read: {sorted(set(urls) - set(found))}"
    assert not failures, report(f"admin, {app_label}", failures)


def test_an_office_head_reads_a_service_and_its_materials_in_chinese(seeded_demo, db):
    """An office head may only look at the catalogue: its materials show as text, by their Chinese names."""
    client = Client()
    client.force_login(User.objects.get(username="head"))
    found, failures = {}, {}
    for url in _pages("workflow", "servicetype", {"code": "insurance.card_apply"}):
        check_page(client, url, found, failures)
    assert len(found) == 3 and not failures, report("head", failures)


def test_the_admin_scripts_read_in_chinese(client, users):
    """The two-list selector of roles and permissions and the actions bar speak through the admin's script
    catalogue: each of its strings has Chinese, none with English left in (locale/zh_Hans/LC_MESSAGES/djangojs.po
    fills what Django's own lacks)."""
    import json
    import re
    from pathlib import Path

    import django
    import polib

    client.force_login(users["admin"])
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    source = Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
    english = []
    for entry in polib.pofile(str(source)):
        chinese = catalogue.get(f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid)
        texts = chinese if isinstance(chinese, list) else [chinese]
        if not chinese or any(latin_words(re.sub(r"%\(\w+\)s|%s", "", text or "")) for text in texts):
            english.append(f"{entry.msgid!r}: {chinese!r}")
    assert not english, "\n".join(english)
