"""Other departments' access to the data-exchange API: clients with scopes, and their rotatable tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    PUBLIC_SECURITY = "public_security", _("Public security: identity checks and death notices")
    CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs: household lists")
    MARKET_REGULATION = "market_regulation", _("Market regulation: business registrations")
    TAX = "tax", _("Tax: contributions collected")
    BANK = "bank", _("Banks: payment results")


class ApiClient(models.Model):
    name = models.CharField(_("client name"), max_length=80, unique=True)
    department = models.CharField(_("department"), max_length=80)
    scopes = models.JSONField(_("scopes"), default=list, help_text=_("Which parts of the API the client may use."))
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The actor recorded on everything the client writes (its own unusable login).
    user = models.OneToOneField("accounts.User", verbose_name=_("acting user"), on_delete=models.PROTECT,
                                related_name="api_client")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token "<prefix>.<secret>"; only the secret's SHA-256 is stored, the whole token is shown once."""

    client = models.ForeignKey(ApiClient, verbose_name=_("client"), on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("token name"), max_length=60, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    secret_hash = models.CharField(_("secret hash"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.client} {self.prefix}…"

    @classmethod
    def issue(cls, *, client: ApiClient, name: str = "", expires_at=None) -> tuple[ApiToken, str]:
        prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        token = cls.objects.create(client=client, name=name, prefix=prefix, secret_hash=_digest(secret),
                                   expires_at=expires_at)
        return token, f"{prefix}.{secret}"

    def matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, _digest(secret))

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
