"""Registering a person new to the bureau at the desk; the police's population register is asked first."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import require_access
from counter.exceptions import CounterError
from counter.forms.persons import PersonRegisterForm
from counter.services import desk_person_register
from counter.views.desk import OPERATE, _desk_context


@require_access(perm=OPERATE)
def person_register(request):
    form = PersonRegisterForm(request.POST or None, initial={"id_number": request.GET.get("number", "")[:20]})
    if request.method == "POST" and form.is_valid():
        try:
            person = desk_person_register(actor=request.user, **form.cleaned_data)
        except CounterError as exc:
            form.add_error(None, exc.message)
        else:
            if person.identity_check.status == "unverified":
                messages.warning(request, _("%(name)s is registered, but the police population service did not "
                                            "answer: the identity is unverified and is checked again automatically.")
                                 % {"name": person.name})
            else:
                messages.success(request, _("%(name)s is registered; the police population register confirms the "
                                            "identity.") % {"name": person.name})
            return redirect("counter:desk-subject", kind="person", pk=person.pk)
    context = _desk_context(request)
    context["form"] = form
    return render(request, "counter/person_register.html", context, status=400 if form.errors else 200)
