"""Staff password rules (GB/T 22239-2019 level 3): each rule refused with its Chinese message through the
change-password page, the admin and full validation; residents keep Django's rules; the demo passwords pass."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.demo import DEMO_PASSWORD, OLD_DEMO_PASSWORDS, demo_logins, renew_old_demo_passwords
from accounts.models import User
from accounts.passwords import (
    character_classes,
    contains_value,
    is_staff_login,
    password_expires_at,
    password_meets_rules,
)
from tests.factories import PersonFactory, StaffFactory

pytestmark = pytest.mark.django_db

GOOD = "Huanghe#2026k"
# (new password, what the Chinese message says): one rule broken each, for the demo clerk (staff number
# G3705230001).
REFUSED = [
    ("Ab1!xyzQ", "该密码只有8个字符，工作人员的密码至少需要10个字符"),
    ("huanghekou2026", "该密码只用了小写字母、数字，工作人员的密码须用到大写字母、小写字母、数字、符号四类中的至少3类。"
                       "请加入大写字母或符号"),
    ("HUANGHE-KOU-HAI", "该密码只用了大写字母、符号"),
    ("Xx#CLERK2026", "密码不能包含用户名（倒过来写也不行）"),
    ("Xx#krelc2026", "密码不能包含用户名（倒过来写也不行）"),
    ("Xx#g3705230001", "密码不能包含工号（倒过来写也不行）"),
]


def _messages(password: str, user) -> list[str]:
    with translation.override("zh-hans"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return list(error.messages)
    return []


# --- The pure rules ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("password", "classes"), [
    ("abc", ["lower"]), ("ABC123", ["upper", "digit"]), ("aB3#", ["upper", "lower", "digit", "symbol"]),
    ("黄河 口", ["symbol"]), ("", []),
])
def test_character_classes(password, classes):
    assert character_classes(password) == classes


@pytest.mark.parametrize(("password", "value", "found"), [
    ("xxCLERKxx", "clerk", True), ("xxKrelCxx", "clerk", True), ("xxclexx", "clerk", False),
    ("A1#13912345678", "13912345678", True), ("A1#87654321931", "13912345678", True),
    ("abLIcd", "li", False),  # too short a value to forbid
    ("anything", "", False),
])
def test_contains_value_in_any_case_forwards_or_reversed(password, value, found):
    assert contains_value(password, value) is found


def test_expiry_date():
    from datetime import datetime, timedelta

    set_at = datetime(2026, 1, 1, 9)
    assert password_expires_at(changed_at=set_at, max_age_days=90) == set_at + timedelta(days=90)
    assert password_expires_at(changed_at=set_at, max_age_days=0) is None
    assert password_expires_at(changed_at=None, max_age_days=90) is None


def test_who_the_staff_rules_apply_to(users):
    assert all(is_staff_login(users[role]) for role in ("clerk", "reviewer", "head", "leader", "admin"))
    assert not is_staff_login(users["resident"]) and not is_staff_login(users["employer_admin"])
    resident_admin = users["resident"]
    resident_admin.is_superuser = True
    assert is_staff_login(resident_admin)


# --- Full validation ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("password", "message"), REFUSED)
def test_full_validation_refuses_each_rule_with_its_message(users, password, message):
    assert any(message in text for text in _messages(password, users["clerk"])), _messages(password, users["clerk"])


def test_full_validation_accepts_a_good_staff_password(users):
    assert _messages(GOOD, users["clerk"]) == []


def test_a_staff_password_may_not_hold_the_phone_or_the_linked_persons_identity_number(users):
    person = PersonFactory(phone="13905461234")
    staff = User(username="wangfang", kind=User.Kind.STAFF, phone="13805469876", person=person)
    assert "密码不能包含手机号码（倒过来写也不行）。" in _messages("Aa#13805469876", staff)
    assert "密码不能包含手机号码（倒过来写也不行）。" in _messages("Aa#43216450931", staff)  # the person's, reversed
    id_message = "密码不能包含身份证号码（倒过来写也不行）。"
    assert id_message in _messages(f"Aa#{person.id_number.lower()}", staff)
    assert id_message in _messages(f"Aa#{person.id_number[::-1]}", staff)
    assert _messages(GOOD, staff) == []


def test_every_missing_rule_is_said_at_once(users):
    said = _messages("clerk", users["clerk"])
    assert any("至少需要10个字符" in text for text in said)
    assert any("请加入" in text for text in said)
    assert "密码不能包含用户名（倒过来写也不行）。" in said


def test_residents_and_employers_keep_djangos_rules(users):
    for role in ("resident", "employer_admin"):
        assert _messages("huanghekou2026", users[role]) == []  # lowercase and digits: enough for them
        assert _messages("hk2026a", users[role]) == ["密码太短，至少需要8个字符。"]  # still 8 characters at least


# --- The change-password page ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("password", "message"), [*REFUSED, (DEMO_PASSWORD, "最近5次用过的密码之一")])
def test_the_change_password_page_refuses_each_rule_with_its_message(client, users, password, message):
    clerk = users["clerk"]
    client.force_login(clerk)
    page = client.post(reverse("accounts:password-change"), {
        "old_password": DEMO_PASSWORD, "new_password1": password, "new_password2": password})
    assert page.status_code == 200 and message in page.content.decode()
    clerk.refresh_from_db()
    assert clerk.check_password(DEMO_PASSWORD)


def test_the_change_password_page_takes_a_good_one_and_says_the_rules(client, users):
    client.force_login(users["clerk"])
    form = client.get(reverse("accounts:password-change")).content.decode()
    assert "工作人员至少10个" in form and "四类字符中的至少3类" in form and "每90天须更换一次" in form
    page = client.post(reverse("accounts:password-change"), {
        "old_password": DEMO_PASSWORD, "new_password1": GOOD, "new_password2": GOOD})
    assert page.status_code == 302
    assert User.objects.get(pk=users["clerk"].pk).check_password(GOOD)


# --- The admin ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("password", "message"), REFUSED[:3])
def test_the_admins_set_password_form_refuses_a_weak_staff_password(client, users, password, message):
    client.force_login(users["admin"])
    clerk = users["clerk"]
    url = reverse("admin:auth_user_password_change", args=[clerk.pk])
    page = client.post(url, {"password1": password, "password2": password, "usable_password": "true"})
    assert page.status_code == 200 and message in page.content.decode()
    assert User.objects.get(pk=clerk.pk).check_password(DEMO_PASSWORD)
    assert client.post(url, {"password1": GOOD, "password2": GOOD, "usable_password": "true"}).status_code == 302
    assert User.objects.get(pk=clerk.pk).check_password(GOOD)


def test_the_admins_set_password_form_refuses_the_user_name_and_reuse(client, users):
    client.force_login(users["admin"])
    url = reverse("admin:auth_user_password_change", args=[users["clerk"].pk])
    for password, message in (("Xx#clerk2026", "密码不能包含用户名"), (DEMO_PASSWORD, "最近5次用过的密码之一")):
        page = client.post(url, {"password1": password, "password2": password, "usable_password": "true"})
        assert page.status_code == 200 and message in page.content.decode()


def test_the_admins_add_user_form_refuses_a_weak_staff_password(client, users):
    client.force_login(users["admin"])
    url = reverse("admin:accounts_user_add")
    weak = {"username": "zhaolei", "password1": "zhaolei2026", "password2": "zhaolei2026", "usable_password": "true",
            "must_change_password": "on"}
    page = client.post(url, weak)
    html = page.content.decode()
    assert page.status_code == 200 and "密码不能包含用户名" in html and "请加入大写字母或符号" in html
    assert not User.objects.filter(username="zhaolei").exists()
    strong = {**weak, "password1": GOOD, "password2": GOOD}
    assert client.post(url, strong).status_code == 302
    assert User.objects.get(username="zhaolei").check_password(GOOD)


# --- The commands ---------------------------------------------------------------------------------------------------

def test_changepassword_refuses_a_weak_staff_password(users, monkeypatch):
    from django.core.management import CommandError, call_command

    answers = iter(["huanghekou2026", "huanghekou2026"] * 3)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with translation.override("zh-hans"), pytest.raises(CommandError):
        call_command("changepassword", "clerk", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.get(username="clerk").check_password(DEMO_PASSWORD)
    answers = iter([GOOD, GOOD])
    call_command("changepassword", "clerk", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.get(username="clerk").check_password(GOOD)


def test_createsuperuser_says_what_a_weak_password_misses(db, monkeypatch, capsys):
    import io

    from django.core.management import call_command

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    passwords = iter(["qwertyuiop", "qwertyuiop", GOOD, GOOD])
    answers = iter(["rootadmin", "root@example.org", "n"])  # user name, e-mail, do not bypass the rules
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(passwords))
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    with translation.override("zh-hans"):
        call_command("createsuperuser", interactive=True, stdin=Terminal(), stdout=io.StringIO(),
                     stderr=(errors := io.StringIO()))
    assert "该密码只用了小写字母，工作人员的密码须用到" in errors.getvalue()
    root = User.objects.get(username="rootadmin")
    assert root.is_superuser and root.check_password(GOOD)


# --- The demo -------------------------------------------------------------------------------------------------------

def test_every_demo_password_meets_the_staff_rules(users):
    """Fails when someone puts a weak demo password back (the demo once used a 9-character one)."""
    for username, password, _role in demo_logins():
        user = User.objects.get(username=username)
        assert user.check_password(password)
        staff_alike = user if is_staff_login(user) else User(username=username, kind=User.Kind.STAFF)
        assert password_meets_rules(user=staff_alike, password=password), username
    assert password_meets_rules(user=StaffFactory(), password=DEMO_PASSWORD)


def test_seeding_again_gives_an_old_demo_database_the_new_password(users):
    clerk = users["clerk"]
    clerk.set_password(OLD_DEMO_PASSWORDS[0])
    clerk.save()
    renew_old_demo_passwords()
    assert User.objects.get(pk=clerk.pk).check_password(DEMO_PASSWORD)
    before = User.objects.get(pk=users["reviewer"].pk).password
    renew_old_demo_passwords()  # a current one is left alone
    assert User.objects.get(pk=users["reviewer"].pk).password == before


def test_the_admin_shows_when_a_password_was_last_changed(client, users):
    client.force_login(users["admin"])
    page = client.get(reverse("admin:accounts_user_change", args=[users["clerk"].pk])).content.decode()
    assert "密码修改时间" in page
    assert 'name="password_changed_at"' not in page  # shown, never typed in
