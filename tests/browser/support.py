"""Headless Debian Chromium for the browser tests (each page checked with axe-core), and what the journeys share:
waiting, logging in, the CSP log."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import require_chromium

PASSWORD = "Dongying@2026"
WAIT = 10
ARGUMENTS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-dev-shm-usage", "--disable-background-timer-throttling",
             "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows")


def start_chromium(*, width: int = 1400, height: int = 1000, scale: float | None = None,
                   extra_arguments: tuple[str, ...] = ()):
    """A Chromium driven by Debian's chromedriver (never a downloaded browser), its console log kept; every page
    it opens is checked with axe-core (tests/browser/accessibility.py)."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    from tests.browser.accessibility import watched

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in (*ARGUMENTS, f"--window-size={width},{height}", *extra_arguments):
        options.add_argument(argument)
    if scale:
        options.add_argument(f"--force-device-scale-factor={scale}")
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(0)
    return watched(driver)


def wait_for(driver, css: str, text: str | None = None, timeout: float = WAIT):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, timeout, poll_frequency=0.1)
    if text is None:
        return wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
    return driver.find_element(By.CSS_SELECTOR, css)


def csp_violations(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]


def assert_no_csp_violations(driver) -> None:
    """The pages run under the strict CSP: no inline script, handler or style was refused."""
    refused = csp_violations(driver)
    assert not refused, refused


def log_in(driver, base: str, username: str, password: str = PASSWORD) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.delete_all_cookies()
    driver.get(base + reverse("accounts:login"))
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(lambda d: "/accounts/login/" not in d.current_url)
    if "/accounts/two-factor/" in driver.current_url:  # staff: the code from the (demo) authenticator app
        type_second_factor(driver, username)


def type_second_factor(driver, username: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from accounts.models import User
    from tests.support.twofactor import fresh_code

    driver.find_element(By.ID, "id_code").send_keys(fresh_code(User.objects.get(username=username)))
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(lambda d: "/accounts/two-factor/" not in d.current_url)
