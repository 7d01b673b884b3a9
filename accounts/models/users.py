"""Logins: staff of an office, residents tied to a Person, and employer users tied to an Employer."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import normalize_mobile, validate_mobile


class User(AbstractUser):
    class Kind(models.TextChoices):
        STAFF = "staff", _("Bureau staff")
        RESIDENT = "resident", _("Resident")
        EMPLOYER = "employer", _("Employer")
        SYSTEM = "system", _("System")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STAFF)
    office = models.ForeignKey(
        "accounts.Office", verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="staff",
    )
    staff_number = models.CharField(_("staff number"), max_length=20, null=True, blank=True, unique=True)
    person = models.OneToOneField(
        "accounts.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="login",
    )
    employer = models.ForeignKey(
        "accounts.Employer", verbose_name=_("employer"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField(_("mobile number"), max_length=11, blank=True, validators=[validate_mobile])
    # Set when someone else chose the password (a temporary one handed over): every page but the password
    # change itself waits until the user has chosen their own.
    must_change_password = models.BooleanField(
        _("must change password"), default=False,
        help_text=_("Every page asks the user to choose a new password first, e.g. after handing over a "
                    "temporary one."))
    # When the current password was set (accounts.passwords records it on every set): a staff password older than
    # settings.PASSWORD_MAX_AGE_DAYS must be changed before anything else. Empty: never set since this was kept.
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_resident_has_person_only",
                condition=~Q(kind="resident")
                | (Q(person__isnull=False) & Q(employer__isnull=True) & Q(office__isnull=True)),
            ),
            models.CheckConstraint(
                name="user_employer_has_employer_only",
                condition=~Q(kind="employer")
                | (Q(employer__isnull=False) & Q(person__isnull=True) & Q(office__isnull=True)),
            ),
            models.CheckConstraint(
                name="user_staff_has_no_party",
                condition=~Q(kind="staff") | (Q(person__isnull=True) & Q(employer__isnull=True)),
            ),
        ]
        permissions = [
            ("use_staff_site", _("Can use the staff site")),
            ("use_resident_site", _("Can use the resident online service")),
            ("use_employer_site", _("Can use the employer online service")),
            ("manage_employer_users", _("Can manage the employer's logins")),
            ("look_up_persons", _("Can look up any person in the city by identity number")),
            ("reset_second_factor", _("Can reset a colleague's two-factor sign-in")),
        ]

    def __str__(self) -> str:
        label = self.get_full_name() or self.username
        return f"{label} ({self.staff_number})" if self.staff_number else label

    def clean_fields(self, exclude=None):
        self.phone = normalize_mobile(self.phone)
        super().clean_fields(exclude=exclude)

    @property
    def is_bureau_staff(self) -> bool:
        return self.kind == self.Kind.STAFF
