"""Admin for places, parties and logins: searchable by identity number, credit code and name."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.template.response import TemplateResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import admin_audit  # noqa: F401  (registers the login records and the admin's log, read only)
from accounts.admin_history import HistoryAdmin
from accounts.identifiers import normalize_id_number
from accounts.models import ApiClient, ApiToken, Employer, Office, Person, Region, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(Office)
class OfficeAdmin(HistoryAdmin):
    list_display = ("code", "name", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "region__name")
    raw_id_fields = ("region",)


class PersonAdminForm(forms.ModelForm):
    """A person added in the admin is checked with the police like any other new person (accounts.identity)."""

    def clean(self):  # the admin gives the model and the fields (modelform_factory)
        from accounts.identity import identity_ask, identity_refusal

        cleaned = super().clean()
        self.identity_verdict = None
        if self.instance.pk is None and not self.errors:
            self.identity_verdict = identity_ask(id_number=normalize_id_number(cleaned.get("id_number") or ""),
                                                 name=(cleaned.get("name") or "").strip())
            if (refusal := identity_refusal(self.identity_verdict)) is not None:
                raise forms.ValidationError(refusal.message, code=refusal.code)
        return cleaned


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    form = PersonAdminForm
    list_display = ("name", "masked_id_number", "sex", "birth_date", "hukou_region", "residence_region")
    list_filter = ("sex", "hukou_type", "is_disabled", "in_low_income_household", "in_zero_employment_household")
    search_fields = ("=id_number", "name", "phone")
    raw_id_fields = ("hukou_region", "residence_region")
    readonly_fields = ("sex", "birth_date", "created_at", "updated_at")
    list_select_related = ("hukou_region", "residence_region")
    show_full_result_count = False

    @admin.display(description=_("identity number"))
    def masked_id_number(self, obj):
        return obj.masked_id_number

    def save_model(self, request, obj, form, change):
        from accounts.identity import identity_check_record

        super().save_model(request, obj, form, change)
        if not change and getattr(form, "identity_verdict", None) is not None:
            identity_check_record(person=obj, verdict=form.identity_verdict)


@admin.register(Employer)
class EmployerAdmin(HistoryAdmin):
    list_display = ("name", "credit_code", "region", "status")
    list_filter = ("status",)
    search_fields = ("=credit_code", "name")
    raw_id_fields = ("region",)
    list_select_related = ("region",)
    show_full_result_count = False


class PasswordChangeForm(AdminPasswordChangeForm):
    # Django appends its warning to the help text as an English string that no catalogue translates.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."))


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = PasswordChangeForm
    list_display = ("username", "last_name", "first_name", "kind", "office", "staff_number", "is_active")
    list_filter = ("kind", "groups", "is_active", "must_change_password")
    search_fields = ("username", "last_name", "first_name", "staff_number", "person__id_number",
                     "employer__credit_code")
    raw_id_fields = ("office", "person", "employer")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Bureau"), {"fields": ("kind", "office", "staff_number", "person", "employer", "phone",
                                  "must_change_password", "password_changed_at")}),
    )
    readonly_fields = ("password_changed_at",)
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Bureau"), {"fields": ("must_change_password",)}),
    )

    actions = ["reset_second_factor"]

    def has_reset_second_factor_permission(self, request):
        return request.user.has_perm("accounts.reset_second_factor")

    @admin.action(description=_("Reset two-factor sign-in"), permissions=["reset_second_factor"])
    def reset_second_factor(self, request, queryset):
        """Asks the reason on a page of its own, then resets each selected login (accounts/twofactor.py)."""
        from accounts.exceptions import AccountsError
        from accounts.forms_twofactor import ResetForm
        from accounts.twofactor import second_factor_reset

        form = ResetForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for user in queryset:
                try:
                    second_factor_reset(user=user, actor=request.user, reason=form.cleaned_data["reason"])
                except AccountsError as exc:
                    self.message_user(request, f"{user}: {exc.message}", messages.ERROR)
                else:
                    self.message_user(request, _("Two-factor sign-in of %(user)s reset: they set it up again at "
                                                 "their next login.") % {"user": user}, messages.SUCCESS)
            return None
        return TemplateResponse(request, "admin/accounts/user/reset_second_factor.html", {
            **self.admin_site.each_context(request), "title": _("Reset two-factor sign-in"), "form": form,
            "users": queryset, "opts": self.opts, "action_checkbox_name": ACTION_CHECKBOX_NAME,
        })

    def get_changeform_initial_data(self, request):
        # The administrator typed the new user's password: the user replaces it at their first login.
        return {"must_change_password": True, **super().get_changeform_initial_data(request)}


class ApiTokenInline(admin.TabularInline):
    model = ApiToken
    extra = 0
    can_delete = False
    fields = ("prefix", "name", "created_at", "expires_at", "revoked_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Departments' API clients: rotate a client's token (the new one is shown once) or revoke them all."""

    list_display = ("name", "department", "scopes", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "department")
    readonly_fields = ("user", "created_at")
    inlines = [ApiTokenInline]
    actions = ["rotate_token", "revoke_tokens"]

    def has_delete_permission(self, request, obj=None):
        # Its request log names it: deactivate the client or revoke its tokens instead.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        from accounts.api_clients import api_client_create

        client, raw = api_client_create(name=obj.name, department=obj.department, scopes=obj.scopes,
                                        contact=obj.contact)
        obj.pk, obj.user = client.pk, client.user
        messages.warning(request, _("Token for %(client)s (shown only now, store it safely): %(token)s")
                         % {"client": client.name, "token": raw})

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else ()

    def get_exclude(self, request, obj=None):
        return ("user",) if obj is None else ()

    @admin.action(description=_("Rotate the token (old ones stop working after 7 days)"))
    def rotate_token(self, request, queryset):
        from accounts.api_clients import api_token_rotate

        for client in queryset:
            raw = api_token_rotate(client=client)
            messages.warning(request, _("New token for %(client)s (shown only now, store it safely): %(token)s")
                             % {"client": client.name, "token": raw})

    @admin.action(description=_("Revoke every token of the client now"))
    def revoke_tokens(self, request, queryset):
        from accounts.api_clients import api_token_revoke

        for client in queryset:
            for token in client.tokens.filter(revoked_at__isnull=True):
                api_token_revoke(token=token)
        messages.success(request, _("Tokens revoked."))


# The devices' own admin pages would show the secret keys and change them without a recorded reason: a reset goes
# through the user's action above (or the staff page accounts:two-factor-reset) instead.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)
