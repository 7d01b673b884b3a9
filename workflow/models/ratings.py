"""Ratings of a service (政务服务"好差评") and the bureau's table of the time limits of their rectification."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflow.models.sourced import TimeLimitTable
from workflow.rules import ratings as rules


def _reasons_valid(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Choose reasons from the list."), code="reasons")
    unknown = [code for code in value if code not in rules.Reason.values]
    if unknown or len(value) > rules.REASONS_MAX or len(set(value)) != len(value):
        raise ValidationError(_("Choose reasons from the list."), code="reasons")


class Rating(models.Model):
    """One rating of one ended case or one served ticket, through one channel (once per subject and channel)."""

    Level = rules.Level
    Channel = rules.Channel

    # What was rated: "case:<id>" or "ticket:<id>" (a ticket is the hall's, above workflow: only its key is kept).
    subject = models.CharField(_("rated"), max_length=40)
    case = models.ForeignKey("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="ratings")
    service = models.ForeignKey("workflow.ServiceType", verbose_name=_("service"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("rated through"), max_length=10, choices=rules.Channel.choices)
    score = models.PositiveSmallIntegerField(
        _("rating"), choices=rules.Level.choices,
        validators=[MinValueValidator(rules.MIN_SCORE), MaxValueValidator(rules.MAX_SCORE)])
    reasons = models.JSONField(_("reasons"), default=list, blank=True, validators=[_reasons_valid])
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(rules.COMMENT_MAX)])
    office = models.ForeignKey("accounts.Office", verbose_name=_("handling office"), on_delete=models.PROTECT,
                               related_name="ratings")
    staff = models.ForeignKey("accounts.User", verbose_name=_("handled by"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="ratings_received")
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="ratings")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="ratings")
    rated_at = models.DateTimeField(_("rated at"))
    # A bad rating's rectification (整改): its case, the office's reply to the rater and what was put right.
    rectification = models.OneToOneField("workflow.Case", verbose_name=_("rectification case"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="rectified_rating")
    reply = models.TextField(_("reply to the rater"), blank=True, validators=[MaxLengthValidator(500)])
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    rectified = models.TextField(_("rectification done"), blank=True, validators=[MaxLengthValidator(1000)])
    rectified_at = models.DateTimeField(_("rectified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at"]
        constraints = [
            models.UniqueConstraint(fields=["subject", "channel"], name="rating_once_per_subject_channel"),
            models.CheckConstraint(name="rating_score_1_to_5", condition=Q(score__gte=1) & Q(score__lte=5)),
            # The rater is the applicant (a rectification case needs one).
            models.CheckConstraint(name="rating_has_a_rater",
                                   condition=Q(person__isnull=False) | Q(employer__isnull=False)),
        ]
        indexes = [
            # The monthly summaries and the supervision page: ratings of a month by office (and staff).
            models.Index(fields=["rated_at", "office"], name="rating_month_office",
                         include=["score", "staff", "rectification"]),
        ]
        permissions = [("view_rating_stats", _("Can see ratings and rectifications per office and staff member"))]

    def __str__(self) -> str:
        return f"{self.rated_at:%Y-%m-%d %H:%M} {self.get_channel_display()} {self.get_score_display()}"

    @property
    def is_bad(self) -> bool:
        return rules.is_bad(self.score)

    def clean(self) -> None:
        self.comment = (self.comment or "").strip()
        if self.score not in rules.Level.values:
            raise ValidationError({"score": _("Choose one of the five levels.")})
        if self.case_id is None and not self.subject.startswith("ticket:"):
            raise ValidationError(_("A rating is of a case or of a served ticket."))


class RatingTimeLimit(TimeLimitTable):
    """A time limit of the rectification of a bad rating, with its source (the bureau edits them)."""

    class Code(models.TextChoices):
        REPLY = "reply", _("Reply to the rater")
        RECTIFY = "rectify", _("Rectify and report back")

    code = models.CharField(_("time limit"), max_length=12, choices=Code.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("days"), validators=[MinValueValidator(1), MaxValueValidator(365)])

    class Meta(TimeLimitTable.Meta):
        verbose_name = _("rectification time limit")
        verbose_name_plural = _("rectification time limits")
