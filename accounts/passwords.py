"""Password rules for bureau staff (GB/T 22239-2019 level 3): length, kinds of characters, no personal data, no
reuse of recent passwords, and expiry; the history of password hashes that the reuse rule reads.

The rules are Django password validators (settings.AUTH_PASSWORD_VALIDATORS), so every place that sets a password
through Django checks them: the change-password page, the admin's add-user and set-password forms,
`createsuperuser` and `changepassword`. Each one is told the user and applies the staff rules only to staff logins
(bureau staff, the admin's users, superusers); residents and employers keep Django's rules (at least 8 characters,
not a common password, not all digits, not like the user name). Django calls each validator's password_changed()
after every save of a new password: PasswordHistoryValidator's is the one place that records it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.password_validation import (
    MinimumLengthValidator,
    get_default_password_validators,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.text import enumeration

# The four kinds of characters, in the order the messages list them.
CHARACTER_CLASSES = {
    "upper": gettext_lazy("uppercase letters"),
    "lower": gettext_lazy("lowercase letters"),
    "digit": gettext_lazy("digits"),
    "symbol": gettext_lazy("symbols"),
}
# Shorter values (a two-letter user name) would forbid too many passwords to be worth checking.
PERSONAL_VALUE_MIN_LENGTH = 3


# --- Pure rules: no database -----------------------------------------------------------------------------------------

def character_class(char: str) -> str:
    if "A" <= char <= "Z":
        return "upper"
    if "a" <= char <= "z":
        return "lower"
    if "0" <= char <= "9":
        return "digit"
    return "symbol"  # punctuation, a space, a Chinese character: anything else


def character_classes(password: str) -> list[str]:
    """The kinds of characters a password uses, in CHARACTER_CLASSES order."""
    used = {character_class(char) for char in password}
    return [name for name in CHARACTER_CLASSES if name in used]


def contains_value(password: str, value: str) -> bool:
    """Whether the password holds the value, in any letter case, forwards or reversed."""
    value = (value or "").strip().lower()
    if len(value) < PERSONAL_VALUE_MIN_LENGTH:
        return False
    lowered = password.lower()
    return value in lowered or value[::-1] in lowered


def is_staff_login(user) -> bool:
    """Whether the staff rules apply (password rules, and the second factor: accounts.twofactor): bureau staff, the
    admin's users and superusers."""
    if user is None:
        return False
    return getattr(user, "kind", None) == "staff" or user.is_staff or user.is_superuser


def password_expires_at(*, changed_at: datetime | None, max_age_days: int) -> datetime | None:
    """When a password set at changed_at must be changed; None when it never must (no age limit, or no date)."""
    if changed_at is None or max_age_days <= 0:
        return None
    return changed_at + timedelta(days=max_age_days)


# --- Validators (settings.AUTH_PASSWORD_VALIDATORS) ----------------------------------------------------------------

class LengthValidator(MinimumLengthValidator):
    """Django's minimum length for everyone, a longer one for staff logins."""

    def __init__(self, min_length: int = 8, staff_min_length: int = 10):
        super().__init__(min_length=min_length)
        self.staff_min_length = staff_min_length

    def validate(self, password, user=None):
        if not is_staff_login(user):
            return super().validate(password, user)
        if len(password) < self.staff_min_length:
            raise ValidationError(
                _("This password has %(length)d characters: a staff password needs at least %(min_length)d.")
                % {"length": len(password), "min_length": self.staff_min_length},
                code="password_too_short",
            )
        return None

    def get_error_message(self):
        # Django 5.2 changed its msgid to "%d" and its Chinese catalogue has no translation of the new one yet.
        return _("This password is too short: it needs at least %(min_length)d characters.") % {
            "min_length": self.min_length}

    def get_help_text(self):
        return _("At least %(min_length)d characters (bureau staff: at least %(staff_min_length)d).") % {
            "min_length": self.min_length, "staff_min_length": self.staff_min_length}


class CharacterClassValidator:
    """Staff: characters of at least `min_classes` of the four kinds (uppercase, lowercase, digits, symbols)."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if not is_staff_login(user):
            return
        used = character_classes(password)
        if len(used) >= self.min_classes:
            return
        missing = [CHARACTER_CLASSES[name] for name in CHARACTER_CLASSES if name not in used]
        raise ValidationError(
            _("This password uses only %(used)s: a staff password needs at least %(count)d of the four kinds "
              "(uppercase letters, lowercase letters, digits, symbols). Add %(missing)s.")
            % {"used": enumeration(CHARACTER_CLASSES[name] for name in used), "count": self.min_classes,
               "missing": _(" or ").join(str(name) for name in missing)},
            code="password_too_few_classes",
        )

    def get_help_text(self):
        return _("Bureau staff: at least %(count)d of the four kinds of characters (uppercase letters, lowercase "
                 "letters, digits, symbols).") % {"count": self.min_classes}


class PersonalDataValidator:
    """Staff: the password holds neither the user name, the staff number, nor an identity or phone number of the
    user (or of the person linked to the login), in any letter case, forwards or reversed."""

    def validate(self, password, user=None):
        if not is_staff_login(user):
            return
        person = getattr(user, "person", None) if getattr(user, "person_id", None) else None
        checks = [
            (user.get_username(), _("A password must not contain the user name, forwards or reversed.")),
            (getattr(user, "staff_number", "") or "",
             _("A password must not contain the staff number, forwards or reversed.")),
            (person.id_number if person else "",
             _("A password must not contain the identity number, forwards or reversed.")),
            (getattr(user, "phone", "") or "",
             _("A password must not contain the mobile number, forwards or reversed.")),
            (person.phone if person else "",
             _("A password must not contain the mobile number, forwards or reversed.")),
        ]
        errors = []
        for value, message in checks:
            if contains_value(password, value) and message not in errors:
                errors.append(message)
        if errors:
            raise ValidationError([ValidationError(message, code="password_personal_data") for message in errors])

    def get_help_text(self):
        return _("Bureau staff: not the user name, the staff number, an identity number or a mobile number.")


class PasswordHistoryValidator:
    """Staff: none of the last `count` passwords (the current one included) again. Its password_changed() records
    every new password, whoever the user is (see password_history_record)."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password, user=None):
        if not is_staff_login(user) or user.pk is None:
            return
        if password_reused(user=user, password=password, count=self.count):
            raise ValidationError(
                _("This password is one of the last %(count)d passwords of this login: choose one not used "
                  "before.") % {"count": self.count},
                code="password_reused",
            )

    def password_changed(self, password, user=None):
        if user is not None and user.pk is not None:
            password_history_record(user=user, keep=self.count)

    def get_help_text(self):
        return _("Bureau staff: none of the last %(count)d passwords, and a new one every %(days)d days.") % {
            "count": self.count, "days": settings.PASSWORD_MAX_AGE_DAYS}


# --- History and expiry -------------------------------------------------------------------------------------------

def password_reused(*, user, password: str, count: int) -> bool:
    """Whether the password is one of the user's last `count` passwords (compared with their hashes)."""
    from accounts.models import PasswordHistory

    hashes = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:count])
    return any(check_password(password, encoded) for encoded in hashes)


@transaction.atomic
def password_history_record(*, user, keep: int = 5) -> None:
    """A new password was saved: note when (every login: expiry reads it), and for staff logins keep its hash
    among the last `keep` (older hashes are deleted: only what the reuse rule needs is kept)."""
    from accounts.models import PasswordHistory, User

    now = timezone.now()
    User.objects.filter(pk=user.pk).update(password_changed_at=now)
    user.password_changed_at = now
    if not is_staff_login(user) or not user.has_usable_password():
        return
    PasswordHistory.objects.create(user_id=user.pk, password=user.password)
    old = PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)[keep:]
    PasswordHistory.objects.filter(pk__in=list(old)).delete()


def password_expired(user, *, now: datetime | None = None) -> bool:
    """Whether a staff login must change its password before anything else (older than PASSWORD_MAX_AGE_DAYS).
    A password never recorded (set before its date was kept) does not expire; see the migration that dated them."""
    if not is_staff_login(user):
        return False
    expires = password_expires_at(changed_at=user.password_changed_at, max_age_days=settings.PASSWORD_MAX_AGE_DAYS)
    return expires is not None and expires <= (now or timezone.now())


# --- A password set before the rules ---------------------------------------------------------------------------------

# Set in the session at login when the password typed breaks today's rules: every page waits for a new one.
RULES_UNMET_SESSION_KEY = "password_rules_unmet"


def password_meets_rules(*, user, password: str) -> bool:
    """Whether a password meets every rule for its login but the reuse one (the current password is in its own
    history): asked at login, where the password typed is known, to catch one set before the rules."""
    validators = [v for v in get_default_password_validators() if not isinstance(v, PasswordHistoryValidator)]
    try:
        validate_password(password, user, password_validators=validators)
    except ValidationError:
        return False
    return True
