"""Permission-table rows for the hall's screens: the dispenser and the board run without a login behind the
hall's screen key; a wrong key is a 404 for everyone. They show ticket codes and windows only."""

from tests.architecture.access import EVERYONE, Page


def _key(ctx):
    return {"token": ctx["screen_token"]}


def _wrong(ctx):
    return {"token": "not-a-screen-key"}


WRONG = {"allow": (), "deny": 404, "overrides": {"anonymous": 404}}

PAGES = [
    Page("counter:dispenser", allow=EVERYONE, kwargs=_key),
    Page("counter:dispenser", kwargs=_wrong, **WRONG),
    Page("counter:dispenser-ticket", allow=EVERYONE, kwargs=_key, method="post",
         data=lambda ctx: {"category": "ordinary"}),
    Page("counter:dispenser-ticket", kwargs=_wrong, method="post", data=lambda ctx: {"category": "ordinary"},
         **WRONG),
    Page("counter:board", allow=EVERYONE, kwargs=_key),
    Page("counter:board", kwargs=_wrong, **WRONG),
    Page("counter:board-live", allow=EVERYONE, kwargs=_key),
    Page("counter:board-live", kwargs=_wrong, **WRONG),
]
