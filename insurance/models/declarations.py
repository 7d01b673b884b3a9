"""Employers' monthly declarations, their lines per employee, and payment orders."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workflow.registry import Channel


class Declaration(models.Model):
    """An employer's declaration of a month: the insured employees and their wage bases."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        DECLARED = "declared", _("Declared, awaiting payment")
        PAID = "paid", _("Paid")
        SUPERSEDED = "superseded", _("Superseded by a correction")

    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="declarations")
    month = models.DateField(_("month"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    corrects = models.ForeignKey("self", verbose_name=_("corrects"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="corrections")
    case = models.ForeignKey("workflow.Case", verbose_name=_("correction case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    created_by = models.ForeignKey("accounts.User", verbose_name=_("entered by"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    declared_by = models.ForeignKey("accounts.User", verbose_name=_("declared by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    employees = models.PositiveIntegerField(_("employees"), default=0)
    total_base = models.DecimalField(_("total of bases"), max_digits=14, decimal_places=2, default=0)
    employer_total = models.DecimalField(_("employer parts"), max_digits=14, decimal_places=2, default=0)
    individual_total = models.DecimalField(_("individual parts"), max_digits=14, decimal_places=2, default=0)
    # A digest of (person, wage) pairs: submitting the same lines again changes nothing.
    digest = models.CharField(_("digest of the lines"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["-month", "employer"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "month"], condition=~Q(status="superseded"),
                                    name="one_current_declaration_per_month"),
            models.UniqueConstraint(fields=["employer", "month", "version"], name="declaration_version_unique"),
            models.CheckConstraint(name="declaration_month_first_day", condition=Q(month__day=1)),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id} {self.month:%Y-%m} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("insurance:declaration-detail", kwargs={"pk": self.pk})

    @property
    def total(self):
        return self.employer_total + self.individual_total


class DeclarationLine(models.Model):
    declaration = models.ForeignKey(Declaration, verbose_name=_("declaration"), on_delete=models.CASCADE,
                                    related_name="lines")
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="declaration_lines")
    wage = models.DecimalField(_("declared wage"), max_digits=10, decimal_places=2)
    base = models.DecimalField(_("contribution base"), max_digits=10, decimal_places=2)
    # Per insurance type: {"pension": {"employer": "731.68", "individual": "365.84", "account": "365.84"}, ...}
    parts = models.JSONField(_("parts by insurance type"), default=dict)
    employer_total = models.DecimalField(_("employer parts"), max_digits=10, decimal_places=2)
    individual_total = models.DecimalField(_("individual parts"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("declaration line")
        verbose_name_plural = _("declaration lines")
        ordering = ["declaration", "id"]
        constraints = [models.UniqueConstraint(fields=["declaration", "person"], name="declaration_line_once")]
        indexes = [models.Index(fields=["person", "declaration"], name="declarationline_person")]

    def __str__(self) -> str:
        return f"{self.declaration_id} {self.person_id}"


class PaymentOrder(models.Model):
    """What an employer or person must pay (or, when negative, is refunded); confirmed once by staff,
    the bank or the tax bureau."""

    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("Monthly declaration")
        CORRECTION = "correction", _("Correction of a paid month")
        BACK_PAYMENT = "back_payment", _("Back payment")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Awaiting payment")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    class Channel(models.TextChoices):
        COUNTER = "counter", _("Paid at the counter")
        BANK = "bank", _("Bank transfer")
        TAX = "tax", _("Collected by the tax bureau")

    number = models.CharField(_("order number"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    declaration = models.ForeignKey(Declaration, verbose_name=_("declaration"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="orders")
    case = models.ForeignKey("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="payment_orders")
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="payment_orders")
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ISSUED)
    issued_at = models.DateTimeField(_("issued at"))
    due_on = models.DateField(_("pay by"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    confirmed_by = models.ForeignKey("accounts.User", verbose_name=_("confirmed by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    payment_channel = models.CharField(_("paid through"), max_length=20, blank=True, choices=Channel.choices)
    reference = models.CharField(_("bank or tax reference"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["declaration"], condition=~Q(status="cancelled"),
                                    name="one_live_order_per_declaration"),
            models.CheckConstraint(name="order_has_a_payer",
                                   condition=Q(employer__isnull=False) | Q(person__isnull=False)),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="order_open_due",
                                condition=Q(status="issued"))]

    def __str__(self) -> str:
        return self.number

    @property
    def is_refund(self) -> bool:
        return self.amount < 0
