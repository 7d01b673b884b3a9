"""The employer's logins, as its administrator manages them and its staff see them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import Employer, User
from accounts.roles import Role


def colleagues_of(*, employer: Employer) -> QuerySet[User]:
    """Every login of the employer, active ones first, each marked `is_admin` (one query)."""
    admin = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=Role.EMPLOYER_ADMIN.value)
    return (User.objects.filter(kind=User.Kind.EMPLOYER, employer=employer)
            .annotate(is_admin=Exists(admin)).order_by("-is_active", "-is_admin", "username"))
