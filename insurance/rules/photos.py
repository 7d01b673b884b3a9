"""Photos people hand in (proof of life, card photos): JPEG or PNG by their bytes, a real image, within limits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workflow.rules.files import sniff_content_type

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# A phone's camera takes about 4000 x 3000; anything much larger is not a photo of a face (or is a bomb).
MAX_PIXELS = 50_000_000
MIN_SIDE = 64
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


def sniff_image_type(head: bytes) -> str | None:
    """The type a file's first bytes show if it is a JPEG or PNG; None for anything else (whatever its name says)."""
    content_type = sniff_content_type(head)
    return content_type if content_type in FORMATS else None


def photo_check(upload) -> str:
    """The content type of an acceptable photo, or ValidationError with a message for the person who sent it.
    Reads the file (and seeks it back to the start); nothing is stored."""
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError(_("The photo is empty: take it again."), code="empty")
    if size > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is larger than %(mb)d MB: take it again at a lower resolution."),
                              code="too_large", params={"mb": MAX_PHOTO_BYTES // (1024 * 1024)})
    upload.seek(0)
    content_type = sniff_image_type(upload.read(16))
    upload.seek(0)
    if content_type is None:
        raise ValidationError(_("Only photos in JPG or PNG format are accepted."), code="not_image")
    if not _decodes(upload, content_type):
        raise ValidationError(_("The photo is damaged or not a real image: take it again."), code="damaged")
    return content_type


def _decodes(upload, content_type: str) -> bool:
    from PIL import Image

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_PIXELS or min(width, height) < MIN_SIDE:
                return False
            image.verify()
            ok = Image.MIME.get(image.format) == content_type
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()  # verify() checks the structure; load() decodes the pixels (a truncated file fails here)
        return ok
    except Exception:  # any decoder error (truncated data, a decompression bomb...) refuses the photo
        return False
    finally:
        upload.seek(0)


def validate_photo(value) -> None:
    """Model field validator: the same check in the admin, forms and services."""
    photo_check(value)
