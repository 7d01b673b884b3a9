"""The kiosk's device and session: the hall behind the key in the URL, who was identified on it, and the last touch.

A kiosk is addressed by its hall's screen key (counter's HallScreen, the key of the dispenser and the board): a
wrong or rotated key is a 404. Its session keeps, besides the hall, the person identified by an SMS code and the
time of the last touch; a session left untouched for longer than settings.KIOSK_IDLE_SECONDS (60) is flushed
before anything else happens, so the next person never reaches the last one's data. Every kiosk answer is
marked no-store, so that neither the cache nor the back button can bring a page back after a logout.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control

from accounts.access import delegated_access
from accounts.models import Office, Person
from counter.selectors.halls import screen_by_token

KEY = "the hall's screen key in the URL (counter.selectors.halls.screen_by_token); personal pages also need a " \
      "person identified by an SMS code in the kiosk's session (portal.kiosk.session)"
HALL, TOUCH, PENDING, PHONE, PERSON, TICKET, FLASH = (
    "kiosk.hall", "kiosk.touch", "kiosk.pending", "kiosk.phone", "kiosk.person", "kiosk.ticket", "kiosk.flash")
# How the person was identified: absent for the SMS code, ECARD for the QR code of their electronic card.
METHOD, ECARD = "kiosk.method", "ecard"
DEFAULT_IDLE_SECONDS = 60


def idle_seconds() -> int:
    return int(getattr(settings, "KIOSK_IDLE_SECONDS", DEFAULT_IDLE_SECONDS))


@dataclass
class Kiosk:
    hall: Office
    token: str
    person: Person | None
    pending_id: int | None
    timed_out: bool

    @property
    def busy(self) -> bool:
        """Someone is identified, or half-way through identifying."""
        return self.person is not None or self.pending_id is not None


def _open(request, hall: Office, token: str) -> Kiosk:
    session = request.session
    now = time.time()
    timed_out = False
    if session.get(HALL) not in (None, hall.pk):
        session.flush()  # another kiosk's session in this browser
    busy = PERSON in session or PENDING in session
    if busy and now - session.get(TOUCH, 0) > idle_seconds():
        session.flush()
        session[FLASH] = {"code": "ended"}
        timed_out = True
    session[HALL], session[TOUCH] = hall.pk, now
    person_id = session.get(PERSON)
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if person_id and (person is None or person.is_deceased):
        session.flush()
        session[HALL], session[TOUCH], person = hall.pk, now, None
    return Kiosk(hall=hall, token=token, person=person, pending_id=session.get(PENDING), timed_out=timed_out)


def no_store(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, no_cache=True, must_revalidate=True, private=True)
    return response


def kiosk_view(view):
    """A kiosk page: the hall from the key (else 404), the session checked for idleness, the answer no-store."""
    @functools.wraps(view)
    def wrapped(request, token: str, *args, **kwargs):
        screen = screen_by_token(token=token)
        if screen is None:
            raise Http404
        request.kiosk = _open(request, screen.hall, token)
        response = view(request, *args, **kwargs)
        if request.session.get(HALL) == screen.hall_id:
            # Idle time counts from the answer: a slow answer (an SMS handed to the outbox, a statement drawn)
            # is not the person's idleness.
            request.session[TOUCH] = time.time()
        return no_store(response)

    return delegated_access(KEY)(wrapped)


def identified(view):
    """A personal page: only with a person identified on this kiosk; else back to the start."""
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.kiosk.person is None:
            if not request.kiosk.timed_out:
                flash(request, "identify")
            return redirect("kiosk:home", token=request.kiosk.token)
        return view(request, *args, **kwargs)

    return wrapped


def flash(request, code: str, **values) -> None:
    """A one-time notice for the next page, kept in the session (so a logout takes it away)."""
    request.session[FLASH] = {"code": code, **{k: str(v) for k, v in values.items()}}


def pop_flash(request) -> dict | None:
    return request.session.pop(FLASH, None)


def start_identifying(request, *, person: Person, masked_phone: str) -> None:
    """A new kiosk session for someone who typed their number: whatever the browser held before (another
    person, a login of the site) is dropped."""
    hall = request.kiosk.hall
    request.session.flush()
    request.session.update({HALL: hall.pk, TOUCH: time.time(), PENDING: person.pk, PHONE: masked_phone})


def finish_identifying(request, *, person: Person) -> None:
    """The code was right: the person is identified on this kiosk (under a new session key)."""
    request.session.cycle_key()
    request.session.pop(PENDING, None)
    request.session.pop(PHONE, None)
    request.session[PERSON] = person.pk
    request.kiosk.person, request.kiosk.pending_id = person, None


def identify_by_ecard(request, *, person: Person) -> None:
    """The person showed a valid e-card code: identified on this kiosk in a new session, which remembers how
    (a proof of life here records the SMS code, so it is not offered to someone identified otherwise)."""
    hall = request.kiosk.hall
    request.session.flush()
    request.session.update({HALL: hall.pk, TOUCH: time.time(), PERSON: person.pk, METHOD: ECARD})
    request.kiosk.person, request.kiosk.pending_id = person, None


def by_ecard(request) -> bool:
    return request.session.get(METHOD) == ECARD


def end(request) -> None:
    """Log out: the session and everything in it are gone; only the kiosk's hall is remembered."""
    hall = request.kiosk.hall
    request.session.flush()
    request.session[HALL], request.session[TOUCH] = hall.pk, time.time()
    request.kiosk.person, request.kiosk.pending_id = None, None
