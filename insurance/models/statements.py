"""Rights statements issued: the code that verifies them, the document's hash and what it said."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from workflow.registry import Channel


class RightsStatement(models.Model):
    """A personal rights statement (个人权益记录单) of one person and year, as issued."""

    code = models.CharField(_("verification code"), max_length=16, unique=True)
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="rights_statements")
    year = models.PositiveSmallIntegerField(_("year"))
    sha256 = models.CharField(_("SHA-256 of the document"), max_length=64)
    # What the document shows, as figures, so the verification page shows exactly that and no more.
    summary = models.JSONField(_("figures shown"), default=dict)
    pdf = models.BinaryField(_("document"))
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey("accounts.User", verbose_name=_("issued by"), on_delete=models.PROTECT,
                                  related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    case = models.ForeignKey("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("rights statement")
        verbose_name_plural = _("rights statements")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["person", "year"], name="statement_person_year")]
        permissions = [("view_insurance_records", _("Can see persons' social-insurance records"))]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year} {self.code}"
