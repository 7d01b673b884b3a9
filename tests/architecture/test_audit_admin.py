"""Audit records are append-only in the admin for every user, superusers included: their change and delete pages
answer 403, no bulk delete is offered, and a login lockout is lifted by a recorded action, not by deleting rows."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.api_clients import api_client_create
from accounts.models import AccessLogEntry, ApiClient, ECardUse, User
from portal.models import ApiRequestLog, IdempotentRequest
from tests.workflow.backoffice_support import accept
from workflow.models import Case, CaseEvent, OutboundMessage

pytestmark = pytest.mark.django_db

# Every kind of audit record the project keeps; a historical (django-simple-history) table counts too.
AUDIT_MODELS = (AccessLog, AccessFailureLog, AccessAttempt, LogEntry, ApiRequestLog, IdempotentRequest,
                OutboundMessage, Case, CaseEvent, AccessLogEntry, ECardUse)


def _is_audit(model) -> bool:
    return model in AUDIT_MODELS or model.__name__.startswith("Historical")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(username="root", password="Root#2026long", kind=User.Kind.STAFF)


@pytest.fixture
def root(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def records(test_services, users, superuser):
    now = timezone.now()
    login = {"user_agent": "pytest", "ip_address": "10.9.9.9", "username": "reviewer", "http_accept": "*/*",
                 "path_info": "/accounts/login/", "attempt_time": now}
    api_client, _token = api_client_create(name="市公安局", department="public_security", scopes=["public_security"])
    case = accept(users)
    return [
        AccessLog.objects.create(**login),
        AccessFailureLog.objects.create(**login, locked_out=True),
        AccessAttempt.objects.create(**login, get_data="", post_data="", failures_since_start=5),
        LogEntry.objects.log_actions(user_id=superuser.pk, queryset=[case], action_flag=DELETION,
                                     change_message="x", single_object=True),
        ApiRequestLog.objects.create(client=api_client, endpoint="persons", method="GET", status_code=200,
                                     duration_ms=3),
        IdempotentRequest.objects.create(client=api_client, request_id="r1", endpoint="persons", body_hash="0",
                                         status_code=200, response={}),
        OutboundMessage.objects.create(key="audit-test", phone="13800000000", body="您好"),
        AccessLogEntry.objects.create(person=case.person, user=users["reviewer"], page=AccessLogEntry.Page.CASE,
                                      case_number=case.number),
        case,
    ]


def test_every_registered_audit_model_refuses_add_change_and_delete_to_a_superuser(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    audited = {model: model_admin for model, model_admin in admin.site._registry.items() if _is_audit(model)}
    assert {AccessLog, AccessFailureLog, AccessAttempt, LogEntry, ApiRequestLog, OutboundMessage, Case,
            AccessLogEntry} <= set(audited)
    for model, model_admin in audited.items():
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        assert "delete_selected" not in model_admin.get_actions(request), model


def _url(record, view: str) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[record.pk])


def test_a_superuser_gets_403_on_the_delete_and_change_pages_of_audit_records(root, records):
    for record in records:
        model = type(record)
        assert root.get(_url(record, "delete")).status_code == 403, model
        assert root.post(_url(record, "delete"), {"post": "yes"}).status_code == 403, model
        assert root.post(_url(record, "change"), {}).status_code == 403, model
        assert model.objects.filter(pk=record.pk).exists(), model
        changelist = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_changelist")
        page = root.get(changelist)
        assert page.status_code == 200 and 'value="delete_selected"' not in page.content.decode(), model
        root.post(changelist, {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"})
        assert model.objects.filter(pk=record.pk).exists(), model


def test_the_case_page_in_the_admin_shows_the_timeline_without_delete_boxes(root, records):
    case = records[-1]
    html = root.get(_url(case, "change")).content.decode()
    assert "events-0-DELETE" not in html and CaseEvent.objects.filter(case=case).count() >= 2


def test_an_api_client_cannot_be_deleted_its_request_log_names_it(root, records):
    api_client = ApiClient.objects.get(name="市公安局")
    assert root.post(_url(api_client, "delete"), {"post": "yes"}).status_code == 403
    assert ApiRequestLog.objects.filter(client=api_client).exists()


def test_unlocking_forgets_the_counter_and_records_who_did_it(root, records, superuser):
    attempt = AccessAttempt.objects.get()
    changelist = reverse("admin:axes_accessattempt_changelist")
    root.post(changelist, {"action": "unlock", "_selected_action": [attempt.pk]})
    assert not AccessAttempt.objects.exists()
    entry = LogEntry.objects.get(user=superuser, object_id=str(attempt.pk), content_type__model="accessattempt")
    assert entry.action_flag == DELETION and "reviewer" in entry.change_message and "10.9.9.9" in entry.change_message
    assert "解锁" in entry.change_message
    assert AccessFailureLog.objects.filter(username="reviewer").exists()  # the failures themselves stay
