"""Persons (the one shared person table) and employers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.identifiers import (
    check_credit_format,
    mask_id_number,
    mask_phone,
    normalize_credit_code,
    normalize_id_number,
    normalize_mobile,
    normalize_phone,
    parse_id_number,
    validate_credit_code,
    validate_mobile,
    validate_phone,
)


class Person(models.Model):
    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class HukouType(models.TextChoices):
        URBAN = "urban", _("Urban")
        RURAL = "rural", _("Rural")

    id_number = models.CharField(_("identity number"), max_length=18, unique=True, validators=[parse_id_number])
    name = models.CharField(_("name"), max_length=50, db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, editable=False)
    birth_date = models.DateField(_("birth date"), editable=False)
    phone = models.CharField(_("mobile number"), max_length=11, blank=True, validators=[validate_mobile])
    hukou_region = models.ForeignKey(
        "accounts.Region", verbose_name=_("registered (hukou) region"), on_delete=models.PROTECT,
        related_name="hukou_persons",
    )
    hukou_type = models.CharField(_("hukou type"), max_length=5, choices=HukouType.choices, default=HukouType.URBAN)
    residence_region = models.ForeignKey(
        "accounts.Region", verbose_name=_("region of residence"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="resident_persons",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Status facts that the rules read; civil affairs and public security keep them current.
    is_disabled = models.BooleanField(_("registered disabled"), default=False)
    in_low_income_household = models.BooleanField(_("minimum-living-allowance household"), default=False)
    in_zero_employment_household = models.BooleanField(_("zero-employment household"), default=False)
    date_of_death = models.DateField(_("date of death"), null=True, blank=True)
    # A death another department reported (police, civil affairs), not yet confirmed by the district: what it
    # suspends is suspended, nothing is stopped; the date is the one reported.
    death_reported_on = models.DateField(_("death reported (being verified)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("person change history"),
                                verbose_name_plural=_("person change history"))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.masked_id_number})"

    def save(self, *args, **kwargs):
        info = parse_id_number(self.id_number)
        self.id_number, self.birth_date, self.sex = info.number, info.birth_date, info.sex
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        """Check what was typed as it is stored (capital X, no spaces; the mobile without +86 or dashes), with the
        birth date and sex the number carries: the field validators then explain anything wrong."""
        self.id_number = normalize_id_number(self.id_number)
        self.phone = normalize_mobile(self.phone)
        try:
            info = parse_id_number(self.id_number)
        except ValidationError:
            pass  # the identity number's own validator says why
        else:
            self.birth_date, self.sex = info.birth_date, info.sex
        super().clean_fields(exclude=exclude)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_name(self) -> str:
        """The surname followed by one star per remaining character: 张**."""
        return self.name[:1] + "*" * max(len(self.name) - 1, 1)

    @property
    def is_deceased(self) -> bool:
        return self.date_of_death is not None


class Employer(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DEREGISTERED = "deregistered", _("Deregistered")

    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[check_credit_format])
    # Some real codes fail the GB 32100 check; staff may accept them with a recorded reason.
    checksum_exception = models.CharField(
        _("reason for accepting a code that fails the check"), max_length=200, blank=True
    )
    name = models.CharField(_("employer name"), max_length=120, db_index=True)
    region = models.ForeignKey(
        "accounts.Region", verbose_name=_("registered region"), on_delete=models.PROTECT, related_name="employers"
    )
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True, validators=[validate_phone])
    address = models.CharField(_("address"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("employer change history"),
                                verbose_name_plural=_("employer change history"))

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude=None):
        self.credit_code = normalize_credit_code(self.credit_code)
        self.contact_phone = normalize_phone(self.contact_phone)
        super().clean_fields(exclude=exclude)

    def clean(self):
        """A code failing the GB 32100 check is accepted only with the reason recorded (some real codes do)."""
        super().clean()
        try:
            validate_credit_code(self.credit_code)
        except ValidationError as exc:
            if exc.code == "checksum" and not self.checksum_exception.strip():
                raise ValidationError({"credit_code": ValidationError(
                    _("The credit code fails the check character test (GB 32100). Correct it, or record why this "
                      "real code is accepted."), code="checksum")}) from None
