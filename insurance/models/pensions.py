"""Pensioners: the pension granted on retirement, and their yearly proof of life."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Pension(models.Model):
    """A person's basic pension: the estimate computed on approval, and whether it is paid."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Being paid")
        SUSPENDED = "suspended", _("Suspended (proof of life overdue)")
        # A death another department reported, until the district confirms it (then stopped) or finds it wrong
        # (then paid again). A proof of life does not release it: the district's case decides.
        HELD = "held", _("Held (reported death being verified)")
        STOPPED = "stopped", _("Stopped")

    person = models.OneToOneField("accounts.Person", verbose_name=_("pensioner"), on_delete=models.PROTECT,
                                  related_name="pension")
    case = models.ForeignKey("workflow.Case", verbose_name=_("retirement approval"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    retirement_date = models.DateField(_("retired on"))
    starts_month = models.DateField(_("paid from month"))
    age_years = models.PositiveSmallIntegerField(_("age at retirement (years)"))
    age_months = models.PositiveSmallIntegerField(_("and months"))
    contribution_months = models.PositiveSmallIntegerField(_("contribution months"))
    average_index = models.DecimalField(_("average contribution index"), max_digits=5, decimal_places=4)
    calculation_base = models.DecimalField(_("calculation base"), max_digits=10, decimal_places=2)
    account_balance = models.DecimalField(_("personal-account balance"), max_digits=12, decimal_places=2)
    divisor = models.DecimalField(_("months divisor"), max_digits=5, decimal_places=1)
    basic_amount = models.DecimalField(_("basic pension per month"), max_digits=10, decimal_places=2)
    account_amount = models.DecimalField(_("personal-account pension per month"), max_digits=10, decimal_places=2)
    monthly_amount = models.DecimalField(_("pension per month"), max_digits=10, decimal_places=2)
    # What the estimate rests on, for the reviewer and the pensioner (years assumed, base year used).
    notes = models.JSONField(_("calculation notes"), default=list, blank=True)
    last_proof_on = models.DateField(_("last proof of life"))
    next_proof_due = models.DateField(_("next proof of life due"))
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    stop_reason = models.CharField(_("reason stopped"), max_length=100, blank=True)
    history = HistoricalRecords(verbose_name=_("pension change history"),
                                verbose_name_plural=_("pension change history"))

    class Meta:
        verbose_name = _("pension")
        verbose_name_plural = _("pensions")
        ordering = ["next_proof_due"]
        indexes = [models.Index(fields=["status", "next_proof_due"], name="pension_proof_due")]
        permissions = [("manage_pensioners", _("Can follow pensioners' proof of life"))]

    def __str__(self) -> str:
        return f"{self.person_id} {self.monthly_amount}"


class ProofMethod(models.Model):
    """A way a proof of life is taken, as it really happens, and whether the bureau counts it as proof of life.

    The portal records the method of each channel (the kiosk: an SMS code; online: the pensioner's own login; the
    counter: the clerk checks the identity card in person, or records a home visit); the bureau decides in the admin
    which of them count. A method that does not count is refused where it would be used, with where to go instead.
    """

    class Code(models.TextChoices):
        SMS_CODE = "sms_code", _("Code sent to the pensioner's own phone")
        ONLINE_ACCOUNT = "online_account", _("Signed in to the pensioner's own online account")
        ID_CARD = "id_card", _("Seen at a window, identity card checked")
        HOME_VISIT = "home_visit", _("Seen at home by staff")
        PHOTO = "photo", _("Photo taken by the pensioner, confirmed by a reviewer")
        SILENT = "silent", _("Silent certification: recorded presence elsewhere")

    # What each method really checks: the weight of the proof, for the reviewer and the bureau.
    CHECKS = {
        Code.SMS_CODE: _("Someone typed the pensioner's identity number and the code sent to their registered "
                         "phone. Nobody saw the pensioner and no photo or face is taken: it shows that the phone is "
                         "in someone's hands, not that the pensioner is alive."),
        Code.ONLINE_ACCOUNT: _("Someone signed in to the pensioner's online account with its password. Nobody saw "
                               "the pensioner and no photo or face is taken."),
        Code.ID_CARD: _("A clerk saw the pensioner at a window and checked their identity card against them."),
        Code.HOME_VISIT: _("Staff visited the pensioner at home and saw them."),
        Code.PHOTO: _("The pensioner took a photo at a kiosk or on their phone; a back-office reviewer compared it "
                      "with the card photo on file (if any) and confirmed it. Nobody saw the pensioner in person."),
        Code.SILENT: _("Nobody asked the pensioner anything: a record the bureau counts shows they were present "
                       "during the period (a hospital stay reimbursed, business done in person at a counter…). "
                       "The record is linked to the proof."),
    }
    SEEN_IN_PERSON = frozenset({Code.ID_CARD, Code.HOME_VISIT})

    code = models.CharField(_("method"), max_length=20, primary_key=True, choices=Code.choices)
    counts = models.BooleanField(_("counts as proof of life"), default=False, help_text=_(
        "Untick to stop accepting this method: the kiosk, the online service or the counter then refuses it and "
        "sends the pensioner to a hall or a home visit."))
    note = models.CharField(_("the bureau's note"), max_length=300, blank=True)
    history = HistoricalRecords(verbose_name=_("proof-of-life method change history"),
                                verbose_name_plural=_("proof-of-life method change history"))

    class Meta:
        verbose_name = _("proof-of-life method")
        verbose_name_plural = _("proof-of-life methods")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> str:
        return self.Code(self.code).label

    @property
    def checks(self) -> str:
        return self.CHECKS[self.Code(self.code)]

    @property
    def seen_in_person(self) -> bool:
        return self.code in self.SEEN_IN_PERSON


class ProofOfLife(models.Model):
    pension = models.ForeignKey(Pension, verbose_name=_("pension"), on_delete=models.CASCADE,
                                related_name="proofs")
    # The column keeps its name: its values are the methods' codes.
    method = models.ForeignKey(ProofMethod, verbose_name=_("method"), on_delete=models.PROTECT, db_column="method",
                               related_name="+")
    proved_at = models.DateTimeField(_("proved at"))
    recorded_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")
    case = models.ForeignKey("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    # Where it happened: the hall or service point whose staff witnessed it (or whose kiosk took the photo).
    office = models.ForeignKey("accounts.Office", verbose_name=_("hall or service point"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    # Silent certification: the record that shows the pensioner's presence (kind, its reference, its date).
    evidence_kind = models.CharField(_("evidence"), max_length=30, blank=True)
    evidence_ref = models.CharField(_("evidence record"), max_length=60, blank=True)
    evidence_on = models.DateField(_("evidence dated"), null=True, blank=True)

    class Meta:
        verbose_name = _("proof of life")
        verbose_name_plural = _("proofs of life")
        ordering = ["-proved_at"]
        constraints = [
            # One record of presence proves once, however often the silent task runs.
            models.UniqueConstraint(fields=["evidence_kind", "evidence_ref"], condition=~models.Q(evidence_ref=""),
                                    name="proof_evidence_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pension_id} {self.proved_at:%Y-%m-%d}"

    @property
    def evidence_label(self) -> str:
        """What the silent proof rests on, as people call it (empty for other methods)."""
        from insurance.models.proof import SilentEvidenceKind

        codes = SilentEvidenceKind.Code
        return str(codes(self.evidence_kind).label) if self.evidence_kind in codes.values else ""

    @property
    def evidence_number(self) -> str:
        """The case or card number of the evidence record."""
        return self.evidence_ref.partition(":")[2]
