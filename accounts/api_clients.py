"""Creating API clients, issuing, rotating and revoking their tokens, and authenticating a bearer token."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.exceptions import AccountsError
from accounts.models import ApiClient, ApiScope, ApiToken, User


@transaction.atomic
def api_client_create(*, name: str, department: str, scopes: list[str], contact: str = "") -> tuple[ApiClient, str]:
    """A department's client with its own acting user, and its first token (returned once, in clear)."""
    unknown = set(scopes) - set(ApiScope.values)
    if unknown:
        raise AccountsError(f"unknown scopes: {sorted(unknown)}", code="scopes")
    username = f"api-{slugify(name, allow_unicode=False) or 'client'}"[:140]
    base, n = username, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    user = User(username=username, kind=User.Kind.SYSTEM, last_name=name, is_active=False)
    user.set_unusable_password()
    user.save()
    client = ApiClient.objects.create(name=name, department=department, scopes=sorted(scopes), contact=contact,
                                      user=user)
    _token, raw = ApiToken.issue(client=client, name="initial")
    return client, raw


@transaction.atomic
def api_token_rotate(*, client: ApiClient, overlap: timedelta = timedelta(days=7)) -> str:
    """Issue a new token; the client's older tokens stop working after `overlap` (0: at once)."""
    cutoff = timezone.now() + overlap
    for token in client.tokens.filter(revoked_at__isnull=True):
        if token.expires_at is None or token.expires_at > cutoff:
            token.expires_at = cutoff
            token.save(update_fields=["expires_at"])
    _token, raw = ApiToken.issue(client=client, name=f"rotated {timezone.localdate():%Y-%m-%d}")
    return raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_client_for_token(raw: str) -> ApiClient | None:
    """The active client whose usable token this is, or None (constant work whatever is wrong)."""
    prefix, _, secret = (raw or "").partition(".")
    token = ApiToken.objects.select_related("client", "client__user").filter(prefix=prefix[:12]).first()
    if token is None or not token.matches(secret) or not token.is_usable or not token.client.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.client
