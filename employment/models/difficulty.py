"""Employment-difficulty determinations and the prompts the rules raise when a person's status changes."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from employment.rules.difficulty import CATEGORY_LABELS, DECLARED
from employment.rules.prompts import LABELS as PROMPT_LABELS


class DifficultyDetermination(models.Model):
    """A person recognised as an employment-difficulty person (就业困难人员), for a period."""

    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="difficulty_determinations")
    categories = models.JSONField(_("categories"), default=list)
    # The criteria as judged at the decision: [{"code", "label", "passed", "detail", "data"}, ...].
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason it ended"), max_length=100, blank=True)
    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey("accounts.User", verbose_name=_("decided by"), on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("employment-difficulty determination")
        verbose_name_plural = _("employment-difficulty determinations")
        ordering = ["person", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(ended_on__isnull=True),
                                    name="one_current_determination"),
            models.CheckConstraint(name="determination_period_ordered",
                                   condition=Q(valid_until__gte=models.F("valid_from"))),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.valid_from}–{self.valid_until}"

    @property
    def category_labels(self) -> list[str]:
        """The categories as people read them (stored as codes)."""
        labels = {**CATEGORY_LABELS, **DECLARED}
        return [str(labels.get(code, code)) for code in self.categories or []]


class Prompt(models.Model):
    """A hint the rules raised about a person (流程驱动): shown at the desk and on the resident's page,
    linked to the business it suggests, until that business is accepted or the condition no longer holds."""

    class Resolution(models.TextChoices):
        ACTED_ON = "acted_on", _("The suggested business was accepted")
        NO_LONGER_HOLDS = "no_longer_holds", _("The condition no longer holds")
        DIED = "died", _("The person died")

    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="employment_prompts")
    rule = models.CharField(_("rule"), max_length=60, choices=list(PROMPT_LABELS.items()))
    message = models.CharField(_("message"), max_length=300, blank=True)
    suggests = models.CharField(_("suggested business"), max_length=60, blank=True)
    data = models.JSONField(_("data behind it"), default=dict, blank=True)
    raised_at = models.DateTimeField(_("raised at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.CharField(_("resolution"), max_length=20, choices=Resolution.choices, blank=True)
    resolved_by_case = models.ForeignKey("workflow.Case", verbose_name=_("resolved by case"), null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("prompt")
        verbose_name_plural = _("prompts")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "rule"], condition=Q(resolved_at__isnull=True),
                                    name="one_open_prompt_per_rule"),
        ]
        indexes = [
            models.Index(fields=["rule", "-raised_at"], name="prompt_open_rule", condition=Q(resolved_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_rule_display()}"
