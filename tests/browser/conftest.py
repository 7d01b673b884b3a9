"""Browser fixtures: a desktop-sized Chromium and a phone-sized one."""

import pytest

from tests.browser.support import start_chromium


@pytest.fixture
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def phone():
    """Chromium the size of a phone screen."""
    driver = start_chromium(width=390, height=844)
    yield driver
    driver.quit()
