"""The pages where the desk may read an e-card QR code with the PC's camera: the portal refuses the camera to
every page (settings.PERMISSIONS_POLICY); these allow it to the portal's own origin only."""

from __future__ import annotations

from functools import wraps

from django.conf import settings


def _header() -> str:
    policy = {**settings.PERMISSIONS_POLICY, "camera": ["self"]}
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


def camera_allowed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers["Permissions-Policy"] = _header()
        return response
    return wrapped
