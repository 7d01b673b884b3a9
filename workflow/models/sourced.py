"""Rule tables the bureau edits: every row says where its figure comes from and whether it was seen in a published
text; some rows are in force for a period; some are the time limits of a service. The apps' rule tables (insurance's
rates and bases, employment's subsidies and benefit levels, labour's and the ratings' time limits) are made of these
parts, so that the admin, the forms and the pages that show "unverified" read the same fields everywhere."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflow.registry import LimitUnit


class Sourced(models.Model):
    source = models.CharField(_("source"), max_length=300, blank=True)
    verified = models.BooleanField(
        _("verified"), default=False,
        help_text=_("Seen in a published text. Unverified figures must be confirmed by the bureau before use."),
    )

    class Meta:
        abstract = True


class Effective(Sourced):
    """A row in force from one day until another (or still in force)."""

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: still in force."))

    class Meta:
        abstract = True

    def covers(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class TimeLimitTable(Sourced):
    """One time limit of a service, by a `code` field of the concrete table (its choices are what the services
    read), in working or calendar days."""

    days = models.PositiveSmallIntegerField(_("days"), validators=[MinValueValidator(1), MaxValueValidator(1000)])
    unit = models.CharField(_("counted in"), max_length=10, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.get_code_display()} {self.days}"
