"""Pages of the resident's online service."""

from django.shortcuts import render

from accounts.access import require_access


@require_access(perm="accounts.use_resident_site")
def home(request):
    return render(request, "portal/resident/home.html", {"person": request.user.person})
