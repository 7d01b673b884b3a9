"""Windows and hall screens: a clerk signs in at a window and out again; screen keys are issued and rotated."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office, User
from counter.exceptions import QueueError
from counter.models import HallScreen, Ticket, Window
from counter.models.halls import new_screen_token
from counter.selectors.queue import OPEN_STATUSES


@transaction.atomic
def window_open(*, window: Window, actor: User) -> Window:
    """Sign the clerk in at a window of their own hall, leaving the window they sat at before."""
    window = Window.objects.select_for_update().select_related("hall").get(pk=window.pk)
    if window.hall_id != actor.office_id or not window.is_active:
        raise QueueError(_("You can only work at a window of your own hall."), code="hall")
    if window.clerk_id == actor.pk:
        return window
    if window.clerk_id is not None:
        raise QueueError(_("Window %(number)s is taken by a colleague.") % {"number": window.number}, code="taken")
    previous = Window.objects.select_for_update().filter(clerk=actor).first()
    if previous is not None:
        _leave(previous)
    window.clerk, window.opened_at = actor, timezone.now()
    window.save(update_fields=["clerk", "opened_at"])
    return window


@transaction.atomic
def window_close(*, window: Window, actor: User) -> Window:
    window = Window.objects.select_for_update().get(pk=window.pk)
    if window.clerk_id != actor.pk:
        raise QueueError(_("You are not signed in at this window."), code="not_here")
    _leave(window)
    return window


def _leave(window: Window) -> None:
    current = Ticket.objects.filter(window=window, status__in=OPEN_STATUSES).first()
    if current is not None:
        raise QueueError(_("Finish ticket %(code)s before leaving the window.") % {"code": current.code},
                         code="busy")
    window.clerk, window.opened_at = None, None
    window.save(update_fields=["clerk", "opened_at"])


@transaction.atomic
def windows_ensure(*, hall: Office, count: int) -> list[Window]:
    """Give a hall windows 1..count (idempotent): the demo and new halls."""
    if hall.kind != Office.Kind.HALL:
        raise QueueError(_("Only a service hall has windows."), code="hall")
    existing = set(Window.objects.filter(hall=hall).values_list("number", flat=True))
    Window.objects.bulk_create([Window(hall=hall, number=n) for n in range(1, count + 1) if n not in existing])
    return list(Window.objects.filter(hall=hall).order_by("number"))


@transaction.atomic
def hall_screen_ensure(*, hall: Office) -> HallScreen:
    if hall.kind != Office.Kind.HALL:
        raise QueueError(_("Only a service hall has screens."), code="hall")
    screen, _created = HallScreen.objects.get_or_create(hall=hall)
    return screen


@transaction.atomic
def hall_screen_rotate(*, hall: Office, actor: User | None) -> HallScreen:
    """Issue a new screen key: the old board and dispenser addresses stop working at once."""
    screen = hall_screen_ensure(hall=hall)
    screen = HallScreen.objects.select_for_update().get(pk=screen.pk)
    screen.token, screen.rotated_at = new_screen_token(), timezone.now()
    screen.save(update_fields=["token", "rotated_at"])
    return screen
