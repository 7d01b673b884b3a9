"""Permission-table rows for proof of life by photo (issue 14): the review queue and its photos are for the
back office (reviewer, head) of the pensioner's district; the resident's photo page is the resident's own; the
kiosk's photo is sent only by a person identified on the kiosk."""

from tests.architecture.access import EVERYONE, Page

REVIEWERS = ("reviewer", "head")
# A fixed name, written once under MEDIA_ROOT: these rows test access, not storage.
PHOTO_NAME = "proof-photos/access-table.jpg"
CARD_NAME = "card-photos/access-table.jpg"


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (80, 100), (180, 140, 120)).save(buffer, "JPEG")
    return buffer.getvalue()


def context(ctx: dict) -> dict:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from insurance.models import Card, ProofPhoto
    from tests.insurance.proof_support import make_pension

    for name in (PHOTO_NAME, CARD_NAME):
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(_jpeg()))
    pension = make_pension(phone="13800000077")  # of 河口区
    Card.objects.create(person=pension.person, number="PL0000000001", status="active", photo=CARD_NAME,
                        applied_at=timezone.now())
    photo = ProofPhoto.objects.create(pension=pension, photo=PHOTO_NAME, content_type="image/jpeg", size=100,
                                      channel="online", submitted_by=ctx["resident"])
    return {"proof_photo": photo}


def _photo(ctx):
    return {"pk": ctx["proof_photo"].pk}


def _kiosk(ctx):
    return {"token": ctx["kiosk_key"]}


PAGES = [
    Page("insurance:proof-photo-list", allow=REVIEWERS),
    Page("insurance:proof-photo-detail", allow=REVIEWERS, kwargs=_photo),
    # A refusal without a reason: back to the photo with the message, nothing decided.
    Page("insurance:proof-photo-detail", allow=REVIEWERS, ok=302, method="post", kwargs=_photo,
         data=lambda ctx: {"decision": "refuse", "reason": ""}),
    Page("insurance:proof-photo-image", allow=REVIEWERS, kwargs=_photo),
    Page("insurance:proof-photo-card-image", allow=REVIEWERS, kwargs=_photo),
    Page("resident:proof-photo", allow=("resident",)),
    Page("kiosk:proof-photo", allow=EVERYONE, ok=302, kwargs=_kiosk, method="post", data=lambda ctx: {"x": "1"}),
]
