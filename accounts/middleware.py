"""Log out users who have been idle too long: staff sooner than residents and employers."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "last_seen"
# Write the session at most this often just to record activity.
TOUCH_INTERVAL = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            limit = settings.STAFF_IDLE_TIMEOUT if user.kind == "staff" else settings.PUBLIC_IDLE_TIMEOUT
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > limit.total_seconds():
                logout(request)
                messages.info(request, _("You were logged out after a period of inactivity."))
            elif now - last_seen >= TOUCH_INTERVAL or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
                request.session.set_expiry(int(limit.total_seconds()))
        return self.get_response(request)
