"""Proactive offers (免申即享): an entitlement the bureau found without an application, the case it opened and
the answer of the person or employer it concerns."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProactiveOffer(models.Model):
    class Status(models.TextChoices):
        OFFERED = "offered", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Lapsed unanswered")
        # The person applied for the same service themselves (online, at a counter, in a life event): their
        # application answers the offer and the case the bureau opened is withdrawn.
        APPLIED = "applied", _("Answered by applying")

    finder = models.CharField(_("finder"), max_length=60)
    service = models.ForeignKey("workflow.ServiceType", verbose_name=_("service"), on_delete=models.PROTECT,
                                related_name="proactive_offers")
    # Whom the offer is made to: the person, or the employer (then `person` is whom it concerns, if anyone).
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="proactive_offers")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="proactive_offers")
    # The facts found, named (e.g. the statutory retirement date): never offered again on the same facts.
    fingerprint = models.CharField(_("facts found"), max_length=200)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    what = models.TextField(_("what was found"))
    why = models.TextField(_("why"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="proactive_offer")
    offered_at = models.DateTimeField(_("offered at"))
    expires_on = models.DateField(_("lapses after"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey("accounts.User", verbose_name=_("answered by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("proactive offer")
        verbose_name_plural = _("proactive offers")
        ordering = ["-offered_at"]
        constraints = [
            models.CheckConstraint(name="proactive_offer_has_a_party",
                                   condition=Q(person__isnull=False) | Q(employer__isnull=False)),
            # The same facts are offered once, whatever the answer: to a person...
            models.UniqueConstraint(fields=["person", "service", "fingerprint"], name="proactive_once_per_person",
                                    condition=Q(employer__isnull=True)),
            # ...and to an employer (about a person, when it concerns one: the fingerprint names them).
            models.UniqueConstraint(fields=["employer", "service", "fingerprint"], name="proactive_once_per_employer",
                                    condition=Q(employer__isnull=False)),
        ]
        indexes = [
            models.Index(fields=["status", "expires_on"], name="proactive_open_expiry",
                         condition=Q(status="offered")),
            models.Index(fields=["employer", "status"], name="proactive_employer_status"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id}:{self.fingerprint}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OFFERED
