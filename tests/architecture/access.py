"""The permission table: what each role gets from each page. Every app's tests add rows in access_table.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = (
    "anonymous", "clerk", "reviewer", "head", "leader", "admin", "resident", "employer_admin", "employer_staff",
)
STAFF = ("clerk", "reviewer", "head", "leader", "admin")
EMPLOYER = ("employer_admin", "employer_staff")
EVERYONE = ROLES
LOGGED_IN = tuple(r for r in ROLES if r != "anonymous")


@dataclass(frozen=True)
class Page:
    """A URL and the status each role gets for it.

    `allow` roles get `ok` (200 unless said otherwise); anonymous users who are not
    allowed are sent to the login page (302); other roles get `deny` (403, or 404
    where the object is scoped out of their sight).
    """

    url_name: str
    allow: tuple[str, ...]
    kwargs: Callable[[dict], dict] | None = None
    ok: int = 200
    deny: int = 403
    method: str = "get"
    data: Callable[[dict], dict] | None = None
    overrides: dict[str, int] = field(default_factory=dict)

    def expected(self, role: str) -> int:
        if role in self.overrides:
            return self.overrides[role]
        if role in self.allow:
            return self.ok
        return 302 if role == "anonymous" else self.deny

    @property
    def id(self) -> str:
        return f"{self.method}:{self.url_name}" + (f"[{sorted(self.overrides)}]" if self.overrides else "")
