"""Writes of the resident's online service: identifying for sign-up and reset, new passwords, uploaded material."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.exceptions import AccountsError
from accounts.lockout import login_lockout_lift
from accounts.models import Person, User
from accounts.services import resident_user_create
from portal.otp import otp_send
from portal.resident import rules
from portal.resident.selectors import login_of, person_matching
from workflow import permissions
from workflow.exceptions import InvalidTransition, NotAllowed
from workflow.models import Case, CaseDocument
from workflow.rules.files import sniff_content_type
from workflow.rules.states import Status
from workflow.services import case_supplement_received

logger = logging.getLogger(__name__)

SIGNUP, RESET = "signup", "reset"


class IdentityError(AccountsError):
    """Sign-up or reset refused; the message is meant for the user."""


def _no_match() -> IdentityError:
    # The same words whether the number is unknown or the name differs: the page reveals nothing.
    return IdentityError(_("The identity number and name do not match our records. Check both as printed on your "
                           "identity card, or visit a service hall."), code="no_match")


def identity_check(*, purpose: str, id_number: str, name: str) -> Person:
    """The person who may sign up (no login yet) or reset their password (a login), or IdentityError."""
    person = person_matching(id_number=id_number, name=name)
    if person is None or person.is_deceased:
        raise _no_match()
    login = login_of(person=person)
    if purpose == SIGNUP and login is not None:
        raise IdentityError(_("You already have an online account. Log in with your identity number, or reset "
                              "your password if you have forgotten it."), code="has_account")
    if purpose == RESET and login is None:
        raise IdentityError(_("You have no online account yet: sign up first."), code="no_account")
    if purpose == RESET and not login.is_active:
        raise IdentityError(_("Your online account is disabled: please visit a service hall."), code="inactive")
    return person


def identity_code_send(*, purpose: str, person: Person) -> str:
    """Send the one-time code to the registered phone; the masked phone it went to (AccountsError past limits)."""
    return otp_send(person=person, purpose=purpose)


def resident_signup(*, person: Person, password: str) -> User:
    """Create the resident's login once their phone has confirmed who they are (the view checks the code)."""
    user = resident_user_create(person=person, password=password)
    logger.info("Resident account created online for person %s", person.pk)
    return user


@transaction.atomic
def resident_password_reset(*, person: Person, password: str) -> User:
    """Set a new password after the phone confirmed who asks; earlier sessions end and login lockouts lift."""
    user = User.objects.select_for_update().filter(person=person, kind=User.Kind.RESIDENT).first()
    if user is None or not user.is_active:
        raise IdentityError(_("You have no online account yet: sign up first."), code="no_account")
    user.set_password(password)
    user.must_change_password = False  # chosen by the person themselves
    user.save(update_fields=["password", "must_change_password"])
    transaction.on_commit(lambda: login_lockout_lift(username=user.username))
    return user


# --- Material handed in online ---------------------------------------------------------------------------------

def _refused(message) -> NotAllowed:
    return NotAllowed(message, code="document")


def inspect_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable file (PDF, JPEG, PNG by their bytes, within the size limit)."""
    if upload.size is None or upload.size == 0:
        raise _refused(_("The file is empty."))
    if upload.size > rules.MAX_DOCUMENT_BYTES:
        raise _refused(_("The file is larger than %(mb)d MB: photograph or scan it at a lower resolution.")
                       % {"mb": rules.MAX_DOCUMENT_BYTES // (1024 * 1024)})
    upload.seek(0)
    content_type = sniff_content_type(upload.read(16))
    if content_type is None:
        raise _refused(_("Only PDF, JPG and PNG files are accepted."))
    if content_type == "application/pdf":
        upload.seek(max(upload.size - 1024, 0))
        ok = rules.pdf_looks_complete(upload.read())
    else:
        ok = _image_decodes(upload, content_type)
    upload.seek(0)
    if not ok:
        raise _refused(_("The file is damaged or not what its name says: save it again and retry."))
    return content_type


def _image_decodes(upload: UploadedFile, content_type: str) -> bool:
    from PIL import Image  # reportlab's dependency; only needed here

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
            return Image.MIME.get(image.format) == content_type
    except Exception:  # any decoder error (truncated data, a decompression bomb...) refuses the file
        return False


def case_document_add(*, case: Case, actor: User, upload: UploadedFile, material_code: str = "") -> CaseDocument:
    """Keep a file the applicant uploads for their case: checked first, stored under a random name, recorded."""
    if actor.kind != User.Kind.RESIDENT or not permissions.can_view(actor, case):
        raise NotAllowed(_("You may not hand in material for this case."))
    content_type = inspect_upload(upload)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("service").get(pk=case.pk)
        if case.status not in rules.UPLOADABLE:
            raise _refused(_("Material can be handed in only while the case is open, before a decision."))
        if material_code and not case.service.materials.filter(code=material_code).exists():
            raise _refused(_("Choose which material the file is."))
        if case.documents.count() >= rules.MAX_DOCUMENTS_PER_CASE:
            raise _refused(_("This case already has %(n)d documents: bring any further material to a service "
                             "hall.") % {"n": rules.MAX_DOCUMENTS_PER_CASE})
        document = CaseDocument(case=case, uploaded_by=actor, original_name=rules.safe_file_name(upload.name),
                                content_type=content_type, size=upload.size, material_code=material_code)
        document.file.save("upload", upload, save=False)
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def case_documents_hand_in(*, case: Case, actor: User) -> Case:
    """Send the office what was uploaded since it asked: the clock runs again (workflow's supplement_received)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status != Status.SUPPLEMENT_REQUESTED or case.paused_at is None:
            raise InvalidTransition(_("No material is being waited for on this case."))
        new = list(case.documents.filter(uploaded_at__gte=case.paused_at))
        if not new:
            raise _refused(_("Upload the requested material first."))
        covered = sorted({d.material_code for d in new if d.material_code in (case.materials_missing or [])})
        with translation.override(settings.LANGUAGE_CODE):
            note = ngettext("%(n)d document handed in online", "%(n)d documents handed in online",
                            len(new)) % {"n": len(new)}
        return case_supplement_received(case=case, actor=actor, materials=covered, note=note)
