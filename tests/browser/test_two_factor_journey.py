"""A new staff member on a phone, in headless Chromium: after the password, sets up an authenticator app from the
key shown as text (the QR code is drawn on the page), keeps the recovery codes, reaches the staff site; signs in
again with a code from the app, then with a recovery code. Every page passes axe-core and the strict CSP."""

from __future__ import annotations

import base64

import pytest
from django.urls import reverse

from tests.browser.support import PASSWORD, WAIT, assert_no_csp_violations, wait_for


def _password(driver, base: str, username: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.delete_all_cookies()
    driver.get(base + reverse("accounts:login"))
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(lambda d: "/accounts/login/" not in d.current_url)


def _code(driver, code: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "id_code").send_keys(code)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()


def _app_code(secret: str) -> str:
    """What an authenticator app shows for the key typed into it."""
    from django_otp.oath import totp

    key = secret.replace(" ", "")
    return f"{totp(base64.b32decode(key + '=' * (-len(key) % 8))):06d}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_set_up_on_first_login_then_sign_in_with_the_app_and_with_a_recovery_code(phone, live_server, demo):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from accounts.models import Office
    from accounts.roles import Role
    from accounts.services import staff_user_create

    staff_user_create(username="newclerk", password=PASSWORD, office=Office.objects.get(code="HALL-370502"),
                      staff_number="G3705029999", roles=(Role.CLERK,), last_name="柜员 新人")
    base = live_server.url

    # The password alone leads to the set-up page, in the login page's layout, with the QR code and the key.
    _password(phone, base, "newclerk")
    assert phone.current_url.endswith(reverse("accounts:two-factor-enrol"))
    assert "设置双因素登录" in wait_for(phone, "h1").text
    assert phone.find_element(By.CSS_SELECTOR, ".qr svg[role=img]").is_displayed()
    secret = phone.find_element(By.ID, "totp-secret").text
    phone.get(base + reverse("accounts:staff-home"))  # nothing else opens yet
    assert "/accounts/two-factor/" in phone.current_url
    phone.get(base + reverse("accounts:two-factor-enrol"))
    _code(phone, _app_code(secret))

    # The recovery codes, once.
    codes = [li.text for li in wait_for(phone, "#recovery-codes").find_elements(By.TAG_NAME, "li")]
    assert len(codes) == 10
    phone.find_element(By.CSS_SELECTOR, "main a.btn-primary").click()
    WebDriverWait(phone, WAIT).until(lambda d: "recovery-codes" not in d.current_url)
    assert "/accounts/two-factor/" not in phone.current_url

    # Next day: password, then the code from the app (a later one: each code works once).
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__username="newclerk").update(last_t=-1)
    _password(phone, base, "newclerk")
    assert phone.current_url.startswith(base + reverse("accounts:two-factor-verify"))
    assert "双因素登录" in wait_for(phone, "h1").text
    _code(phone, "000000" if _app_code(secret) != "000000" else "111111")
    assert "验证码不正确" in wait_for(phone, ".errorlist").text
    phone.find_element(By.ID, "id_code").clear()
    _code(phone, _app_code(secret))
    WebDriverWait(phone, WAIT).until(lambda d: "/accounts/two-factor/" not in d.current_url)

    # Phone left at home: a recovery code instead, which then works no more.
    _password(phone, base, "newclerk")
    _code(phone, codes[0])
    WebDriverWait(phone, WAIT).until(lambda d: "/accounts/two-factor/" not in d.current_url)
    assert "还剩9个" in phone.page_source
    _password(phone, base, "newclerk")
    _code(phone, codes[0])
    assert "验证码不正确" in wait_for(phone, ".errorlist").text
    assert_no_csp_violations(phone)
