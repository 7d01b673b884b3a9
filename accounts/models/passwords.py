"""The hashes of a staff login's recent passwords, so that none of them is chosen again (never the passwords)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordHistory(models.Model):
    user = models.ForeignKey("accounts.User", verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="password_history")
    # The hash exactly as User.password held it (algorithm, salt and all): check_password() compares with it.
    password = models.CharField(_("password hash"), max_length=128)
    created_at = models.DateTimeField(_("set"), auto_now_add=True)

    class Meta:
        verbose_name = _("previous password")
        verbose_name_plural = _("previous passwords")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="password_history_recent")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
