"""Login, logout, password change, each user's home page, and the staff person lookup."""

from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from accounts import navigation
from accounts.access import public, require_access
from accounts.access_log.services import Page, access_log_record
from accounts.forms import LoginForm, PersonSearchForm
from accounts.passwords import RULES_UNMET_SESSION_KEY
from accounts.selectors import person_search, persons_visible_to
from accounts.services import password_chosen


@public
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.password_rules_unmet:
            self.request.session[RULES_UNMET_SESSION_KEY] = True
        return response


@public
class LogoutView(auth_views.LogoutView):
    pass


@require_access()
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password-change-done")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_chosen(user=form.user)
        self.request.session.pop(RULES_UNMET_SESSION_KEY, None)
        return response


@require_access()
class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@require_access()
@never_cache
def home(request):
    """Send each user to their own home page."""
    url = navigation.home_url_for(request.user)
    if url is None:
        return render(request, "accounts/no_home.html", status=403)
    return redirect(url)


@require_access(perm="accounts.use_staff_site")
def staff_home(request):
    return render(request, "accounts/staff_home.html", {"office": request.user.office})


@require_access(perm="accounts.look_up_persons")
def person_search_view(request):
    form = PersonSearchForm(request.GET or None)
    results = None
    if form.is_valid():
        results = person_search(user=request.user, query=form.cleaned_data["q"])
        access_log_record(request=request, persons=results, page=Page.SEARCH)
    return render(request, "accounts/person_search.html", {"form": form, "results": results})


@require_access(perm="accounts.look_up_persons")
def person_detail(request, pk: int):
    person = get_object_or_404(persons_visible_to(user=request.user), pk=pk)
    access_log_record(request=request, persons=[person], page=Page.PERSON)
    return render(request, "accounts/person_detail.html", {"person": person})
