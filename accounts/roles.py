"""Staff, resident and employer roles as Django groups, and the permissions each app grants them."""

from collections import defaultdict

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLERK = "counter_clerk", _("Counter clerk")
    REVIEWER = "reviewer", _("Back-office reviewer")
    OFFICE_HEAD = "office_head", _("Office head")
    BUREAU_LEADER = "bureau_leader", _("Bureau leader")
    SYSADMIN = "sysadmin", _("System administrator")
    RESIDENT = "resident", _("Resident")
    EMPLOYER_ADMIN = "employer_admin", _("Employer administrator")
    EMPLOYER_STAFF = "employer_staff", _("Employer staff")


STAFF_ROLES = (Role.CLERK, Role.REVIEWER, Role.OFFICE_HEAD, Role.BUREAU_LEADER, Role.SYSADMIN)
# Roles that use the Django admin (each sees there only the models its permissions allow).
ADMIN_ROLES = (Role.OFFICE_HEAD, Role.BUREAU_LEADER, Role.SYSADMIN)
EMPLOYER_ROLES = (Role.EMPLOYER_ADMIN, Role.EMPLOYER_STAFF)

# "app_label.codename" -> roles holding it. Apps add to it from AppConfig.ready()
# through grant(); sync_roles() writes it into the groups after every migrate.
_GRANTS: dict[str, set[str]] = defaultdict(set)


def grant(permission: str, *roles: str) -> None:
    """Give a permission to roles. Called by each app for its own permissions."""
    _GRANTS[permission].update(str(role) for role in roles)


def granted_permissions() -> dict[str, set[str]]:
    return {perm: set(roles) for perm, roles in _GRANTS.items()}


def staff_roles_held(perms: set[str]) -> list[str]:
    """The staff roles whose every granted permission is among `perms` (a user's, read once per request anyway):
    who someone acts as, without reading their groups. The system administrator is granted no business
    permission but manages the logins (sync_roles gives it every model permission)."""
    held = []
    for role in STAFF_ROLES:
        if role == Role.SYSADMIN:
            needed = {"accounts.change_user"}
        else:
            needed = {perm for perm, roles in _GRANTS.items() if role.value in roles}
        if needed and needed <= perms:
            held.append(role.value)
    return held


def sync_roles(**_kwargs) -> None:
    """Create a group per role and give it exactly the permissions granted to it (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    by_role: dict[str, set[int]] = defaultdict(set)
    wanted = {tuple(perm.split(".", 1)) for perm in _GRANTS}
    perms = Permission.objects.filter(content_type__app_label__in={app for app, _ in wanted}).select_related(
        "content_type"
    )
    ids = {(p.content_type.app_label, p.codename): p.pk for p in perms}
    for perm, roles in _GRANTS.items():
        pk = ids.get(tuple(perm.split(".", 1)))
        if pk is None:
            continue  # created by a later post_migrate of its own app; synced then
        for role in roles:
            by_role[role].add(pk)
    # The system administrator manages every model in the admin, but is not a superuser:
    # holding no "use_*_site" permission, it cannot act as a resident or an employer.
    # Only the admin's model permissions (add_/change_/delete_/view_<model>): a custom permission that merely
    # starts with "view_" (workflow.view_city_overview) is a business role's, not the administrator's.
    model_perms = Permission.objects.filter(
        Q(codename__startswith="add_") | Q(codename__startswith="change_")
        | Q(codename__startswith="delete_") | Q(codename__startswith="view_")
    ).values_list("pk", "codename", "content_type__model")
    by_role[Role.SYSADMIN.value] |= {pk for pk, codename, model in model_perms if codename.split("_", 1)[1] == model}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        current = set(group.permissions.values_list("pk", flat=True))
        if current != by_role[role.value]:
            group.permissions.set(by_role[role.value])


# The foundation's own permissions.
grant("accounts.use_staff_site", *STAFF_ROLES)
grant("accounts.look_up_persons", Role.CLERK, Role.REVIEWER, Role.OFFICE_HEAD, Role.BUREAU_LEADER)
grant("accounts.use_resident_site", Role.RESIDENT)
grant("accounts.use_employer_site", *EMPLOYER_ROLES)
grant("accounts.manage_employer_users", Role.EMPLOYER_ADMIN)
grant("accounts.reset_second_factor", Role.SYSADMIN)
grant("accounts.view_accesslogentry", Role.BUREAU_LEADER)
