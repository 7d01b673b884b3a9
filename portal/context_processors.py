"""Template context shared by every layout: the menus of the current user."""

from django.conf import settings

from accounts import navigation


def site(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"SITE_URL": settings.SITE_URL, "base_layout": "layouts/public.html"}
    return {
        "SITE_URL": settings.SITE_URL,
        "base_layout": "layouts/staff.html" if user.kind == "staff" else "layouts/public.html",
        "staff_nav": navigation.nav_for(user, "staff") if user.kind == "staff" else [],
        "public_nav": navigation.nav_for(user, user.kind) if user.kind in ("resident", "employer") else [],
    }
