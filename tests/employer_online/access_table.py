"""Permission-table rows for the employer's online service (namespace "employer")."""

from tests.architecture.access import EMPLOYER, EVERYONE, Page

ADMIN = ("employer_admin",)


class _World:
    """The demo employer's employee (hired through the one form), a colleague, a draft month and a case, made
    only when a row needs them (every app's table test builds the context; most rows need none of this)."""

    def __init__(self, admin):
        self.admin, self._found = admin, None

    def __getitem__(self, key: str):
        if self._found is None:
            from tests.employer_online.helpers import world

            self._found = world(self.admin)
        return self._found[key]


def context(ctx: dict) -> dict:
    return {"eo": _World(ctx["employer_admin"])}


def _person(ctx):
    return {"person_id": ctx["eo"]["employee"].pk}


def _colleague(ctx):
    return {"user_id": ctx["eo"]["colleague"].pk}


def _declaration(ctx):
    return {"declaration_id": ctx["eo"]["declaration"].pk}


def _case(ctx):
    return {"number": ctx["eo"]["case"].number}


PAGES = [
    Page("employer:users", allow=EMPLOYER),
    Page("employer:user-add", allow=ADMIN),
    Page("employer:user-add", allow=ADMIN, method="post", data=lambda ctx: {"username": ""}),
    Page("employer:user-deactivate", allow=ADMIN, ok=302, method="post", kwargs=_colleague),
    Page("employer:user-activate", allow=ADMIN, ok=302, method="post", kwargs=_colleague),
    Page("employer:user-link", allow=ADMIN, ok=302, method="post", kwargs=_colleague),
    # The link itself is the credential: an invalid one is a 404 for everyone, logged in or not.
    Page("employer:set-password", allow=EVERYONE, ok=404,
         kwargs=lambda ctx: {"uidb64": "MQ", "token": "not-a-token"}),
    Page("employer:employees", allow=EMPLOYER),
    Page("employer:new-hire", allow=EMPLOYER),
    Page("employer:employee", allow=EMPLOYER, kwargs=_person),
    Page("employer:separation", allow=EMPLOYER, kwargs=_person),
    Page("employer:declarations", allow=EMPLOYER),
    Page("employer:declaration-form", allow=EMPLOYER),
    Page("employer:declaration-upload", allow=EMPLOYER),
    Page("employer:declaration-template", allow=EMPLOYER),
    Page("employer:declaration", allow=EMPLOYER, kwargs=_declaration),
    Page("employer:declaration-confirm", allow=EMPLOYER, ok=302, method="post", kwargs=_declaration),
    Page("employer:cards", allow=EMPLOYER),
    Page("employer:cards-apply", allow=EMPLOYER, ok=302, method="post", data=lambda ctx: {"hall": ""}),
    Page("employer:services", allow=EMPLOYER),
    Page("employer:service", allow=EMPLOYER, kwargs=lambda ctx: {"code": "insurance.injury_report"}),
    # A service an employer cannot start online is not there at all.
    Page("employer:service", allow=EMPLOYER, ok=404, kwargs=lambda ctx: {"code": "insurance.card_apply"}),
    Page("employer:cases", allow=EMPLOYER),
    Page("employer:case", allow=EMPLOYER, kwargs=_case),
    Page("employer:case-withdraw", allow=EMPLOYER, ok=302, method="post", kwargs=_case),
    Page("employer:notices", allow=EMPLOYER),
]
