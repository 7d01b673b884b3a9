"""Fixtures of the employer online tests: two employers with their logins."""

from __future__ import annotations

import pytest


@pytest.fixture
def firm(db):
    """An employer in 河口区 with an administrator and a staff login."""
    from tests.employer_online.helpers import employer_with_logins

    employer, admin, staff = employer_with_logins()
    return {"employer": employer, "admin": admin, "staff": staff}


@pytest.fixture
def rival(db):
    """Another employer, in 东营区, with its own logins: none of its data may show to `firm`."""
    from tests.employer_online.helpers import employer_with_logins

    employer, admin, staff = employer_with_logins(district="370502")
    return {"employer": employer, "admin": admin, "staff": staff}
