"""The access log: one append-only row for each time staff or an API client read a person's record."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    """Who read which person's record, where, when and for what. Written only by accounts.access_log.services;
    never changed or deleted (the admin is read only; on PostgreSQL a trigger refuses UPDATE and DELETE)."""

    class Page(models.TextChoices):
        DESK = "desk", _("Counter desk")
        CASE = "case", _("Back-office case page")
        PERSON = "person", _("Person lookup")
        SEARCH = "search", _("Person search results")
        INSURANCE = "insurance", _("Social-insurance records")
        EMPLOYMENT = "employment", _("Employment records")
        STATEMENT = "statement", _("Rights statement")
        EXPORT = "export", _("Export")
        LIST = "list", _("List of persons")
        API = "api", _("Data-exchange API")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # Indexed by (person, at) and (user, at) below: no index of their own, one less to write per row.
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="+", db_index=False)
    user = models.ForeignKey("accounts.User", verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+", db_index=False)
    api_client = models.ForeignKey("accounts.ApiClient", verbose_name=_("API client"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    # As they were at the time of reading: a later move or promotion does not rewrite the record.
    staff_number = models.CharField(_("staff number"), max_length=20, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    office = models.ForeignKey("accounts.Office", verbose_name=_("office"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    page = models.CharField(_("what was read"), max_length=12, choices=Page.choices)
    path = models.CharField(_("address read"), max_length=200, blank=True)
    case_number = models.CharField(_("case"), max_length=40, blank=True)
    ticket = models.CharField(_("queue ticket"), max_length=20, blank=True)
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data access record")
        verbose_name_plural = _("personal data access records")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["person", "at"], name="accesslog_person_at"),
            models.Index(fields=["user", "at"], name="accesslog_user_at"),
        ]
        constraints = [
            models.CheckConstraint(name="accesslog_has_reader",
                                   condition=models.Q(user__isnull=False) | models.Q(api_client__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.staff_number or self.api_client_id or ''} → {self.person_id}"
