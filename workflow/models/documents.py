"""Documents handed in for a case (material uploaded online), kept under MEDIA_ROOT with random file names.

The files are never served directly: a view checks that the user may see the case first.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The only kinds of file accepted, by the type their first bytes show (never the name or the browser's word).
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
# Each by the name of its format, as people call it (not the MIME type).
FORMATS = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def document_path(instance: CaseDocument, filename: str) -> str:
    """A random name in a folder per month: neither the applicant's file name nor anything guessable."""
    now = timezone.localtime()
    return f"case-documents/{now:%Y/%m}/{secrets.token_hex(16)}{EXTENSIONS.get(instance.content_type, '')}"


class CaseDocument(models.Model):
    case = models.ForeignKey("workflow.Case", verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="documents")
    uploaded_by = models.ForeignKey("accounts.User", verbose_name=_("uploaded by"), on_delete=models.PROTECT,
                                    related_name="+")
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40,
                                    choices=list(FORMATS.items()))
    size = models.PositiveIntegerField(_("size (bytes)"))
    # The service's material it stands for; empty for "other material" the office asked for in its note.
    material_code = models.CharField(_("material"), max_length=40, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["case", "uploaded_at"], name="casedocument_case")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.original_name}"
