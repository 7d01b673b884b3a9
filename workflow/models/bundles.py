"""Bundled life events (一件事一次办): one application of several services, with its own number and tracking code,
linking the cases it opened. The cases stay whole cases (each its own code, office, deadline and timeline)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from workflow.registry import Channel
from workflow.rules.codes import format_tracking_code


class Bundle(models.Model):
    # The registered bundle (workflow.bundles), e.g. "insurance.retirement_event".
    kind = models.CharField(_("life event"), max_length=60)
    number = models.CharField(_("application number"), max_length=15, unique=True)
    # Same alphabet, length and randomness as a case's (workflow.rules.codes.new_tracking_code).
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    person = models.ForeignKey("accounts.Person", verbose_name=_("applicant"), on_delete=models.PROTECT,
                               related_name="bundles")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    office = models.ForeignKey("accounts.Office", verbose_name=_("accepting office"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    accepted_by = models.ForeignKey("accounts.User", verbose_name=_("accepted by"), on_delete=models.PROTECT,
                                    related_name="+")
    accepted_at = models.DateTimeField(_("accepted at"))
    # The one-time key of the form that sent it: the same form sent twice (a double tap, two tabs) makes one bundle.
    key = models.CharField(_("submission key"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("life event application")
        verbose_name_plural = _("life event applications")
        indexes = [models.Index(fields=["person", "kind"], name="bundle_person_kind")]

    def __str__(self) -> str:
        return self.number

    @property
    def formatted_tracking_code(self) -> str:
        return format_tracking_code(self.tracking_code)


class BundleCase(models.Model):
    """A case of a bundle, in the bundle's order."""

    bundle = models.ForeignKey(Bundle, verbose_name=_("life event application"), on_delete=models.CASCADE,
                               related_name="members")
    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.CASCADE,
                                related_name="bundle_link")
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("case of a life event")
        verbose_name_plural = _("cases of life events")
        ordering = ["bundle", "position"]
        constraints = [models.UniqueConstraint(fields=["bundle", "position"], name="bundle_case_position")]

    def __str__(self) -> str:
        return f"{self.bundle_id}/{self.position}"
