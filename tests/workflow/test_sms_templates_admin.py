"""The SMS templates in the admin: every kind the portal sends is listed, by its text in Chinese; a template
naming a variable its kind lacks is refused and nothing is saved; only administrators reach the page."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from workflow.models import SmsTemplate
from workflow.sms import sms_kinds

pytestmark = pytest.mark.django_db

SENT_KINDS = {"case.accepted", "case.supplement", "case.approved", "case.completed", "case.rejected", "otp",
              "appointment.booked", "appointment.moved", "appointment.cancelled", "appointment.reminder",
              "employer.login-link", "insurance.card-ready", "insurance.card-active", "insurance.card-lost",
              "insurance.retired", "insurance.proof-due", "insurance.proof-suspended", "insurance.proof-resumed",
              "insurance.reimbursed", "insurance.injury-recognised", "insurance.injury-not-recognised",
              "insurance.proof-due-point", "insurance.proof-photo-confirmed", "insurance.proof-photo-refused",
              "labour.hearing", "proactive.offered", "rating.reply"}


@pytest.fixture
def root(client):
    client.force_login(User.objects.create_superuser(username="root", password="Root#2026long",
                                                     kind=User.Kind.STAFF))
    return client


def test_every_kind_is_listed_with_the_text_to_register(root):
    response = root.get(reverse("admin:workflow_smstemplate_add"))
    assert response.status_code == 200
    assert {kind.code for kind in sms_kinds()} == SENT_KINDS
    body = response.content.decode()
    assert "您申请的“〔业务名称〕”已受理，业务编号〔业务编号〕" in body


def test_a_template_is_saved_and_one_with_an_unknown_variable_is_refused(root):
    url = reverse("admin:workflow_smstemplate_add")
    response = root.post(url, {"kind": "insurance.card-ready", "template_code": "SMS_471230002",
                               "params": ["hall", "amount"]})
    assert response.status_code == 200 and not SmsTemplate.objects.exists()
    assert "此类短信没有金额" in response.content.decode()
    response = root.post(url, {"kind": "insurance.card-ready", "template_code": "SMS_471230002", "params": ["hall"]})
    assert response.status_code == 302
    assert SmsTemplate.objects.get().param_names == ["hall"]


def test_staff_without_the_permission_cannot_open_it(client, users):
    client.force_login(users["leader"])
    assert client.get(reverse("admin:workflow_smstemplate_changelist")).status_code == 403


def test_the_texts_to_register_are_printed_with_their_variables():
    out = io.StringIO()
    call_command("sms_template_texts", stdout=out)
    text = out.getvalue()
    assert "case.accepted\n  service (业务名称), number (业务编号), code" in text
    assert "您申请的“${service}”已受理，业务编号${number}" in text
