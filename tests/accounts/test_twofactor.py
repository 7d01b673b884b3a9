"""Staff second factor: a password alone opens no staff or admin page; enrolment; codes, recovery codes, lockout;
an administrator's reset with a reason; residents and employers as before; the demo's codes."""

from __future__ import annotations

import io
import re

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django.urls import resolve, reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import access_rule_of
from accounts.demo import DEMO_PASSWORD
from accounts.demo_twofactor import current_code, demo_totp_key
from accounts.models import User
from accounts.twofactor import totp_enrolment_confirm, totp_enrolment_start
from tests.architecture.access import STAFF
from tests.support.site import page_context, pages_for
from tests.support.twofactor import fresh_code, login_password_only

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:two-factor-verify")
ENROL = reverse("accounts:two-factor-enrol")
LIMIT = 3


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    settings.LOGIN_LOCKOUT_LIMITS = {"username": LIMIT, "ip_address": 10}


def _password_login(username: str, password: str = DEMO_PASSWORD, address: str = "10.9.9.9") -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302, response.status_code
    return client


def _new_staff(username: str = "newclerk") -> User:
    from accounts.roles import Role
    from accounts.services import staff_user_create

    return staff_user_create(username=username, password=DEMO_PASSWORD, office=User.objects.get(
        username="clerk").office, staff_number=f"G9{abs(hash(username)) % 10**9:09d}", roles=(Role.CLERK,))


def _admin_pages(user) -> list[str]:
    """The admin's index and the list of every model the user may see there."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            urls.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    return urls


@pytest.mark.parametrize("role", STAFF)
def test_a_password_alone_opens_no_staff_page_and_no_admin_page(role, users):
    """Every page the role opens once verified (the permission tables, public pages too, and the admin) sends a
    password-only session to the second factor; only pages that check a token of their own ignore the session."""
    ctx = page_context(users)
    user = ctx[role]
    urls = [url for url in pages_for(role, ctx) if not access_rule_of(resolve(url).func).delegated]
    urls += _admin_pages(user) if user.is_staff else []
    assert len(urls) > 3
    verified = Client()
    verified.force_login(user)
    assert all(verified.get(url).status_code == 200 for url in urls[:3])  # the pages exist for this role
    client = Client()
    login_password_only(client, user)
    reached = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 302 or not response["Location"].startswith(VERIFY):
            reached[url] = response.status_code
    assert not reached
    # The second-factor pages themselves and leaving stay open.
    assert client.get(VERIFY).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_a_partial_page_sends_the_whole_browser_to_the_second_factor(users):
    client = Client()
    login_password_only(client, users["clerk"])
    response = client.get(reverse("accounts:staff-home"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == VERIFY


def test_a_superuser_needs_the_second_factor_for_the_admin(demo):
    boss = User.objects.create_superuser("boss", password=DEMO_PASSWORD, kind=User.Kind.SYSTEM)
    client = _password_login("boss")
    assert client.get(reverse("admin:index"))["Location"].startswith(VERIFY)
    assert client.get(VERIFY)["Location"] == ENROL  # no device yet: set one up first
    assert client.get(reverse("admin:login"))["Location"].startswith(VERIFY)
    del boss


def test_a_real_login_asks_for_the_code_then_opens_the_staff_site(users):
    client = _password_login("clerk")
    assert client.get(reverse("accounts:staff-home"))["Location"].startswith(VERIFY)
    page = client.get(VERIFY)
    assert page.status_code == 200 and "双因素登录" in page.content.decode()
    wrong = client.post(VERIFY, {"code": "000000" if fresh_code(users["clerk"]) != "000000" else "111111"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    right = client.post(VERIFY, {"code": fresh_code(users["clerk"]),
                                 "next": reverse("accounts:person-search")})
    assert right.status_code == 302 and right["Location"] == reverse("accounts:person-search")
    assert client.get(reverse("accounts:staff-home")).status_code == 200


def test_a_code_is_refused_the_second_time(users):
    clerk = users["clerk"]
    code = fresh_code(clerk)
    first = Client()
    login_password_only(first, clerk)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = Client()
    login_password_only(second, clerk)
    assert second.post(VERIFY, {"code": code}).status_code == 200  # replayed: refused
    assert second.get(reverse("accounts:staff-home")).status_code == 302


def _wrong(user) -> str:
    return "123456" if fresh_code(user) != "123456" else "654321"


def test_wrong_codes_count_toward_the_lockout_and_a_locked_user_cannot_try_codes(users):
    reviewer = users["reviewer"]
    client = _password_login("reviewer")
    for _ in range(LIMIT - 1):
        assert client.post(VERIFY, {"code": _wrong(reviewer)}).status_code == 200
    assert AccessAttempt.objects.get(username="reviewer").failures_since_start == LIMIT - 1
    locked = client.post(VERIFY, {"code": _wrong(reviewer)})
    assert locked.status_code == 429 and "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # the half-done login ends
    # Locked: the right password is refused, and a session that has it cannot try codes, the right one included.
    again = Client(REMOTE_ADDR="10.9.9.9").post(reverse("accounts:login"),
                                                {"username": "reviewer", "password": DEMO_PASSWORD})
    assert again.status_code == 429
    half = Client(REMOTE_ADDR="10.1.1.1")
    login_password_only(half, reviewer)
    assert half.get(VERIFY).status_code == 429
    half = Client(REMOTE_ADDR="10.1.1.1")
    login_password_only(half, reviewer)
    assert half.post(VERIFY, {"code": fresh_code(reviewer)}).status_code == 429
    assert half.get(reverse("accounts:staff-home")).status_code == 302


def test_wrong_passwords_and_wrong_codes_share_one_count_that_a_password_alone_does_not_reset(users):
    clerk = users["clerk"]
    Client(REMOTE_ADDR="10.9.9.9").post(reverse("accounts:login"), {"username": "clerk", "password": "nope"})
    client = _password_login("clerk")  # a right password: the failure is not forgotten until the code passes
    client.post(VERIFY, {"code": _wrong(clerk)})
    assert AccessAttempt.objects.get(username="clerk").failures_since_start == 2
    assert _password_login("clerk").post(VERIFY, {"code": _wrong(clerk)}).status_code == 429


def test_wrong_codes_count_per_address_too(users, settings):
    settings.LOGIN_LOCKOUT_LIMITS = {"username": 50, "ip_address": 2}
    settings.AXES_FAILURE_LIMIT = 50
    head, reviewer = users["head"], users["reviewer"]
    for user in (head, reviewer):
        client = Client(REMOTE_ADDR="10.4.4.4")
        login_password_only(client, user)
        last = client.post(VERIFY, {"code": _wrong(user)})
    assert last.status_code == 429
    other = Client(REMOTE_ADDR="10.4.4.4")
    login_password_only(other, users["leader"])
    assert other.get(VERIFY).status_code == 429


def test_the_right_code_forgets_the_user_names_failures(users):
    clerk = users["clerk"]
    client = _password_login("clerk")
    client.post(VERIFY, {"code": _wrong(clerk)})
    assert client.post(VERIFY, {"code": fresh_code(clerk)}).status_code == 302
    assert not AccessAttempt.objects.filter(username="clerk").exists()


def test_recovery_codes_work_once(demo):
    user = _new_staff()
    device = totp_enrolment_start(user=user)
    _device, codes = totp_enrolment_confirm(user=user, code=current_code(device))
    assert len(codes) == 10 and len(set(codes)) == 10
    client = Client()
    login_password_only(client, user)
    response = client.post(VERIFY, {"code": codes[0].upper().replace("-", " ")}, follow=True)
    assert response.status_code == 200 and "还剩9个" in response.content.decode()
    assert client.get(reverse("accounts:staff-home")).status_code == 200
    again = Client()
    login_password_only(again, user)
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert again.get(reverse("accounts:staff-home")).status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_new_recovery_codes_replace_the_old_ones(users):
    client = Client()
    client.force_login(users["clerk"])
    url = reverse("accounts:two-factor-recovery-codes")
    shown = client.post(url, follow=True).content.decode()
    codes = re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", shown)
    assert len(codes) == 10
    assert not re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", client.get(url).content.decode())  # once only
    client.post(url)
    half = Client()
    login_password_only(half, users["clerk"])
    assert half.post(VERIFY, {"code": codes[1]}).status_code == 200  # replaced: refused


def test_enrolment_on_first_login(demo):
    user = _new_staff()
    client = _password_login(user.username)
    assert client.get(reverse("accounts:staff-home"))["Location"].startswith(VERIFY)
    assert client.get(VERIFY)["Location"] == ENROL
    page = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert '<svg role="img"' in page and "<title>" in page  # drawn here, inline: no outside service, no script
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    import base64

    assert base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)) == device.bin_key
    assert client.get(ENROL).content.decode().count(secret) == 1  # the same key on a reload
    assert client.post(ENROL, {"code": "12345"}).status_code == 200
    assert client.get(reverse("accounts:staff-home")).status_code == 302
    response = client.post(ENROL, {"code": current_code(device)})
    assert response["Location"] == reverse("accounts:two-factor-recovery-codes")
    codes = re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", client.get(response["Location"]).content.decode())
    assert len(codes) == 10
    assert not re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>",
                          client.get(reverse("accounts:two-factor-recovery-codes")).content.decode())
    assert client.get(reverse("accounts:staff-home")).status_code == 200
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_a_new_colleague_with_a_handed_over_password_sets_up_the_app_then_chooses_a_password(demo):
    """The second factor first, then the password change: neither page sends the browser to the other in a loop,
    and the recovery codes shown once are not skipped on the way."""
    user = _new_staff()
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    client = _password_login(user.username)
    response = client.get(reverse("accounts:staff-home"), follow=True)
    assert response.redirect_chain[-1][0] == ENROL
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"code": current_code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:two-factor-recovery-codes")
    assert len(re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", response.content.decode())) == 10
    response = client.get(reverse("accounts:staff-home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:password-change")
    new = "Xin-Mima#2027"
    client.post(reverse("accounts:password-change"),
                {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new})
    assert client.get(reverse("accounts:staff-home")).status_code == 200


def test_an_enrolled_colleague_owing_a_password_change_types_the_code_first(users):
    clerk = users["clerk"]
    User.objects.filter(pk=clerk.pk).update(must_change_password=True)
    client = _password_login("clerk")
    response = client.get(reverse("accounts:staff-home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    response = client.post(response.redirect_chain[-1][0], {"code": fresh_code(clerk)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:password-change")


def test_a_password_alone_cannot_replace_an_enrolled_app(users):
    client = Client()
    login_password_only(client, users["clerk"])
    assert client.get(ENROL)["Location"] == VERIFY
    assert client.post(ENROL, {"code": "123456"})["Location"] == VERIFY
    assert not TOTPDevice.objects.filter(user=users["clerk"], confirmed=False).exists()


def test_an_administrator_resets_a_colleagues_device_with_a_reason(users):
    clerk, admin_user = users["clerk"], users["admin"]
    client = Client()
    client.force_login(admin_user)
    url = reverse("accounts:two-factor-reset", kwargs={"pk": clerk.pk})
    assert client.post(url, {"reason": "   "}).status_code == 200  # a reason is required
    assert TOTPDevice.objects.filter(user=clerk).exists()
    assert client.post(url, {"reason": "手机丢失，已当面核实身份"})["Location"] == reverse(
        "accounts:two-factor-staff")
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    entry = LogEntry.objects.get(object_id=str(clerk.pk), user=admin_user)
    assert "手机丢失，已当面核实身份" in entry.change_message and "重置双因素登录" in entry.change_message
    half = _password_login("clerk")
    assert half.get(VERIFY)["Location"] == ENROL  # the colleague sets up a new app


def test_only_an_administrator_may_reset_and_not_their_own(users):
    url = reverse("accounts:two-factor-reset", kwargs={"pk": users["clerk"].pk})
    for role in ("clerk", "head", "leader", "resident", "employer_admin"):
        client = Client()
        client.force_login(users[role])
        assert client.post(url, {"reason": "x"}).status_code == 403
    client = Client()
    client.force_login(users["admin"])
    own = client.post(reverse("accounts:two-factor-reset", kwargs={"pk": users["admin"].pk}), {"reason": "x"})
    assert own.status_code == 200 and "另一位管理员" in own.content.decode()
    resident = client.get(reverse("accounts:two-factor-reset", kwargs={"pk": users["resident"].pk}))
    assert resident.status_code == 404
    assert TOTPDevice.objects.filter(user__username__in=["clerk", "admin"]).count() == 2


def test_the_django_admin_resets_with_a_reason(users):
    clerk = users["clerk"]
    client = Client()
    client.force_login(users["admin"])
    url = reverse("admin:accounts_user_changelist")
    data = {"action": "reset_second_factor", "_selected_action": [clerk.pk]}
    asked = client.post(url, data)
    assert asked.status_code == 200 and "重置双因素登录" in asked.content.decode()
    assert client.post(url, {**data, "apply": "1", "reason": ""}).status_code == 200
    assert TOTPDevice.objects.filter(user=clerk).exists()
    done = client.post(url, {**data, "apply": "1", "reason": "换手机"})
    assert done.status_code == 302 and not TOTPDevice.objects.filter(user=clerk).exists()
    assert "换手机" in LogEntry.objects.get(object_id=str(clerk.pk)).change_message
    # The devices' own admin pages (secret keys, no reason) are not offered.
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


@pytest.mark.parametrize("role", ["resident", "employer_admin", "employer_staff"])
def test_residents_and_employers_log_in_with_their_password_as_before(role, users):
    user = users[role]
    client = _password_login(user.username)
    home = client.get(reverse("accounts:home"))
    assert home.status_code == 302 and not home["Location"].startswith(VERIFY)
    assert client.get(home["Location"]).status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get(VERIFY)["Location"] == home["Location"]


def test_demo_staff_have_fixed_devices_and_the_command_prints_working_codes(users):
    from accounts.demo import seed

    seed()  # idempotent: the devices stay as they are
    assert TOTPDevice.objects.get(user=users["clerk"]).key == demo_totp_key("clerk")
    assert TOTPDevice.objects.filter(user__in=[users[r] for r in STAFF]).count() == len(STAFF)
    out = io.StringIO()
    call_command("demo_codes", stdout=out)
    code = re.search(r"^\s+clerk\s+(\d{6})\b", out.getvalue(), re.M).group(1)
    client = _password_login("clerk")
    assert client.post(VERIFY, {"code": code}).status_code == 302
    assert client.get(reverse("accounts:staff-home")).status_code == 200
    logins = io.StringIO()
    call_command("demo_logins", stdout=logins)
    assert "demo_codes" in logins.getvalue()
