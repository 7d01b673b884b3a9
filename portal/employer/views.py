"""Pages of the employer's online service."""

from django.shortcuts import render

from accounts.access import require_access


@require_access(perm="accounts.use_employer_site")
def home(request):
    return render(request, "portal/employer/home.html", {"employer": request.user.employer})
