"""Production hashes passwords with Argon2id; a PBKDF2 hash made before is rewritten at its owner's next login,
without counting as a new password (its age, and the staff history, stay as they were)."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import override_settings
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from accounts.models import PasswordHistory, User
from tests.support.twofactor import pass_second_factor

pytestmark = pytest.mark.django_db
# The settings the portal runs with outside the tests (the suite itself hashes with MD5, for speed).
PRODUCTION_HASHERS = [
    "accounts.hashers.BackgroundArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_argon2_comes_first_outside_the_tests():
    from pathlib import Path

    from portal import settings as portal_settings

    source = Path(portal_settings.__file__).read_text(encoding="utf-8")
    assert source.index('"accounts.hashers.BackgroundArgon2PasswordHasher"') < source.index(
        '"django.contrib.auth.hashers.PBKDF2PasswordHasher"')
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the suite's


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_pbkdf2_hash_becomes_argon2_at_the_next_login_and_is_no_new_password(demo, client):
    user = User.objects.get(username="reviewer")
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(DEMO_PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    changed_at, history = user.password_changed_at, PasswordHistory.objects.filter(user=user).count()

    response = client.post(reverse("accounts:login"), {"username": "reviewer", "password": DEMO_PASSWORD},
                           follow=True)
    assert pass_second_factor(client, response).status_code == 200

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(DEMO_PASSWORD)
    assert user.password_changed_at == changed_at
    assert PasswordHistory.objects.filter(user=user).count() == history


def test_the_background_hasher_is_djangos_argon2_at_a_lower_priority():
    import os
    import sys
    import threading

    from django.contrib.auth.hashers import Argon2PasswordHasher

    from accounts.hashers import HASH_NICENESS, BackgroundArgon2PasswordHasher, _lowered

    background, plain = BackgroundArgon2PasswordHasher(), Argon2PasswordHasher()
    assert background.algorithm == plain.algorithm == "argon2"
    encoded = background.encode("Dongying@2026", background.salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")  # Django's parameters, unchanged
    assert plain.verify("Dongying@2026", encoded) and background.verify("Dongying@2026", encoded)
    assert not background.verify("Dongying@2027", encoded)
    assert background.verify("Dongying@2026", plain.encode("Dongying@2026", plain.salt()))
    assert not background.must_update(encoded)
    if sys.platform == "linux":  # a nice value per thread
        def niceness():
            return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

        mine = niceness()
        assert _lowered(niceness) == HASH_NICENESS
        assert niceness() == mine  # the caller's is unchanged
    with pytest.raises(ZeroDivisionError):
        _lowered(lambda: 1 / 0)
