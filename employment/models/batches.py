"""Paying people through banks (代发): the payee's bank account, payment batches per bank and period, their
lines (each payment in at most one batch that may still pay it), the return files imported, and the task to
correct an account after a failed payment."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from employment.models.choices import Fund, PaymentItem


class Bank(models.TextChoices):
    """The banks the bureau pays through (each receives its own batch file)."""

    ICBC = "ICBC", _("Industrial and Commercial Bank of China")
    ABC = "ABC", _("Agricultural Bank of China")
    BOC = "BOC", _("Bank of China")
    CCB = "CCB", _("China Construction Bank")
    DYB = "DYB", _("Dongying Bank")
    DYRCB = "DYRCB", _("Dongying Rural Commercial Bank")


account_number_validator = RegexValidator(
    r"^[0-9]{12,30}$", _("A bank account number is 12 to 30 digits, without spaces."), code="account_number")


class PayeeAccount(models.Model):
    """The account a person or an employer is paid into. The holder's name must be the payee's registered name
    (a bank refuses a transfer whose name does not match)."""

    person = models.OneToOneField("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="payee_account")
    employer = models.OneToOneField("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="payee_account")
    bank = models.CharField(_("bank"), max_length=8, choices=Bank.choices)
    number = models.CharField(_("account number"), max_length=30, validators=[account_number_validator])
    holder_name = models.CharField(_("account holder's name"), max_length=120)
    updated_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords(verbose_name=_("bank account change history"),
                                verbose_name_plural=_("bank account change history"))

    class Meta:
        verbose_name = _("payee bank account")
        verbose_name_plural = _("payee bank accounts")
        permissions = [("manage_payee_accounts", _("Can record and correct payees' bank accounts"))]
        constraints = [models.CheckConstraint(
            name="payee_account_one_payee",
            condition=(Q(person__isnull=False) & Q(employer__isnull=True))
            | (Q(person__isnull=True) & Q(employer__isnull=False)))]

    def __str__(self) -> str:
        return f"{self.bank} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        return f"{self.number[:4]}****{self.number[-4:]}" if len(self.number) > 8 else self.number

    def clean(self) -> None:
        payee = self.person if self.person_id else self.employer if self.employer_id else None
        if payee is None:
            raise ValidationError(_("An account belongs to one person or one employer."))
        if self.holder_name.strip() != payee.name:
            raise ValidationError({"holder_name": _("The holder's name must be the payee's registered name.")})


class PaymentBatch(models.Model):
    """The payments due in a period to accounts at one bank: prepared by one member of staff, released to the
    bank by another (four eyes), closed when the bank has reported on every line."""

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared, awaiting release")
        RELEASED = "released", _("Released to the bank")
        CLOSED = "closed", _("Every result returned")
        WITHDRAWN = "withdrawn", _("Withdrawn before release")

    number = models.CharField(_("batch number"), max_length=32, unique=True)
    bank = models.CharField(_("bank"), max_length=8, choices=Bank.choices)
    month = models.DateField(_("period"))
    office = models.ForeignKey("accounts.Office", verbose_name=_("office"), on_delete=models.PROTECT,
                               related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREPARED)
    line_count = models.PositiveIntegerField(_("payments"))
    control_total = models.DecimalField(_("control total"), max_digits=14, decimal_places=2)
    checksum = models.CharField(_("file checksum (SHA-256)"), max_length=64)
    prepared_by = models.ForeignKey("accounts.User", verbose_name=_("prepared by"), on_delete=models.PROTECT,
                                    related_name="+")
    prepared_at = models.DateTimeField(_("prepared at"))
    released_by = models.ForeignKey("accounts.User", verbose_name=_("released by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey("accounts.User", verbose_name=_("withdrawn by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        ordering = ["-prepared_at", "-pk"]
        permissions = [("view_payment_batches", _("Can see payment batches")),
                       ("prepare_payment_batch", _("Can prepare payment batches and import bank return files")),
                       ("release_payment_batch", _("Can release payment batches to the bank"))]
        constraints = [
            models.CheckConstraint(name="batch_period_first_day", condition=Q(month__day=1)),
            # Four eyes: whoever prepared a batch never releases it.
            models.CheckConstraint(name="batch_released_by_another",
                                   condition=Q(released_by__isnull=True) | ~Q(released_by=F("prepared_by"))),
            models.CheckConstraint(name="batch_released_has_releaser",
                                   condition=Q(status__in=["prepared", "withdrawn"]) | Q(released_by__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.number


class BatchLine(models.Model):
    """One payment in a batch, with what the file sent (account and name at the time) and the bank's result."""

    class Result(models.TextChoices):
        SENT = "sent", _("Awaiting the bank's result")
        PAID = "paid", _("Paid by the bank")
        FAILED = "failed", _("Refused by the bank")
        WITHDRAWN = "withdrawn", _("Withdrawn with its batch")

    # A line that may still pay its payment (or did): a payment has at most one.
    LIVE = (Result.SENT, Result.PAID)

    batch = models.ForeignKey(PaymentBatch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="lines")
    seq = models.PositiveIntegerField(_("line"))
    payment = models.ForeignKey("employment.Payment", verbose_name=_("payment"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="batch_lines")
    pension_payment = models.ForeignKey("insurance.PensionPayment", verbose_name=_("pension payment"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="batch_lines")
    reference = models.CharField(_("payment reference"), max_length=24)
    item = models.CharField(_("item"), max_length=24)
    fund = models.CharField(_("fund"), max_length=16)
    payee_name = models.CharField(_("account holder's name"), max_length=120)
    payee_code = models.CharField(_("identity number or credit code"), max_length=18)
    account_number = models.CharField(_("account number"), max_length=30)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.SENT)
    reason_code = models.CharField(_("bank's reason code"), max_length=20, blank=True)
    reason = models.CharField(_("bank's reason"), max_length=200, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    result_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment batch line")
        verbose_name_plural = _("payment batch lines")
        ordering = ["batch", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "seq"], name="batch_line_seq_unique"),
            models.UniqueConstraint(fields=["batch", "reference"], name="batch_line_reference_unique"),
            # Nothing is paid twice: a payment is in at most one batch that may still pay it (only a failed line,
            # or one withdrawn with its batch before release, lets the same payment go again in a later batch).
            models.UniqueConstraint(fields=["payment"],
                                    condition=Q(payment__isnull=False) & Q(result__in=["sent", "paid"]),
                                    name="payment_in_one_live_batch"),
            models.UniqueConstraint(fields=["pension_payment"],
                                    condition=Q(pension_payment__isnull=False) & Q(result__in=["sent", "paid"]),
                                    name="pension_payment_in_one_live_batch"),
            models.CheckConstraint(name="batch_line_one_payment",
                                   condition=(Q(payment__isnull=False) & Q(pension_payment__isnull=True))
                                   | (Q(payment__isnull=True) & Q(pension_payment__isnull=False))),
            models.CheckConstraint(name="batch_line_amount_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.seq} {self.reference}"

    @property
    def item_label(self) -> str:
        return str(PaymentItem(self.item).label) if self.item in PaymentItem.values else gettext("Basic pension")

    @property
    def fund_label(self) -> str:
        return str(Fund(self.fund).label) if self.fund in Fund.values else gettext("Basic pension insurance fund")

    @property
    def masked_account(self) -> str:
        number = self.account_number
        return f"{number[:4]}****{number[-4:]}" if len(number) > 8 else number


class ReturnImport(models.Model):
    """A bank return file imported into a batch (the same file again is recognised by its digest)."""

    batch = models.ForeignKey(PaymentBatch, verbose_name=_("batch"), on_delete=models.PROTECT,
                              related_name="imports")
    sha256 = models.CharField(_("file digest (SHA-256)"), max_length=64)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    paid = models.PositiveIntegerField(_("paid"))
    failed = models.PositiveIntegerField(_("failed"))
    unchanged = models.PositiveIntegerField(_("already recorded"))
    imported_by = models.ForeignKey("accounts.User", verbose_name=_("imported by"), on_delete=models.PROTECT,
                                    related_name="+")
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("bank return file")
        verbose_name_plural = _("bank return files")
        ordering = ["-imported_at"]
        constraints = [models.UniqueConstraint(fields=["batch", "sha256"], name="return_file_once_per_batch")]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.sha256[:12]}"


class AccountCorrection(models.Model):
    """The task a failed payment opens: correct the payee's account; the payment is then payable again."""

    line = models.OneToOneField(BatchLine, verbose_name=_("failed line"), on_delete=models.PROTECT,
                                related_name="correction")
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"))
    resolved_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    resolved_by = models.ForeignKey("accounts.User", verbose_name=_("corrected by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("account to correct")
        verbose_name_plural = _("accounts to correct")
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["opened_at"], name="correction_open",
                                condition=Q(resolved_at__isnull=True))]

    def __str__(self) -> str:
        return f"{self.line_id}"
