"""Permission-table rows for payment batches and accounts to correct: back-office reviewers (and office heads)
prepare batches and import the bank's return files; office heads and the leadership release them (never their
own: the service refuses, tests/employment/test_batches.py); reviewers and heads record and correct bank accounts.
A back office sees its own district's batches only: another district's batch is not found."""

from __future__ import annotations

from tests.architecture.access import Page

VIEW = ("reviewer", "head", "leader")
PREPARE = ("reviewer", "head")
RELEASE = ("head", "leader")
OTHER_DISTRICT = {"reviewer": 404, "head": 404}


def _pension_due(person, actor):
    from insurance.services import pension_payments_generate
    from tests.employment.batch_helpers import account, pension
    from tests.employment.helpers import this_month

    pension(person)
    account(person, actor)
    pension_payments_generate(month=this_month())


def context(ctx: dict) -> dict:
    from employment.services.batches import batch_prepare, batch_release
    from tests.employment.helpers import this_month
    from tests.factories import PersonFactory

    dongying = ctx["person_dongying"]
    _pension_due(PersonFactory(), ctx["reviewer"])
    _pension_due(PersonFactory(division="370502", hukou_region=dongying.hukou_region,
                               residence_region=dongying.residence_region), ctx["reviewer2"])
    hekou = batch_release(batch=batch_prepare(actor=ctx["reviewer"], bank="ICBC", month=this_month()),
                          actor=ctx["head"])
    other = batch_prepare(actor=ctx["reviewer2"], bank="ICBC", month=this_month())
    return {"batch_hekou": hekou, "batch_dongying": other}


def _hekou(ctx):
    return {"number": ctx["batch_hekou"].number}


def _dongying(ctx):
    return {"number": ctx["batch_dongying"].number}


_POST = {"method": "post", "ok": 302}

PAGES = [
    Page("employment:batch-list", allow=VIEW),
    Page("employment:batch-prepare", allow=PREPARE, data=lambda ctx: {"bank": "ICBC", "month": "2026-01"}, **_POST),
    Page("employment:batch-detail", allow=VIEW, kwargs=_hekou),
    Page("employment:batch-detail", allow=VIEW, kwargs=_dongying, overrides=OTHER_DISTRICT),
    Page("employment:batch-export", allow=VIEW, kwargs=_hekou),
    Page("employment:batch-export", allow=VIEW, kwargs=_dongying, ok=302, overrides=OTHER_DISTRICT),
    Page("employment:batch-release", allow=RELEASE, kwargs=_dongying, overrides={"head": 404}, **_POST),
    Page("employment:batch-withdraw", allow=VIEW, kwargs=_dongying, overrides=OTHER_DISTRICT, **_POST),
    Page("employment:batch-return", allow=PREPARE, kwargs=_hekou, data=lambda ctx: {"x": "1"}, **_POST),
    Page("employment:batch-return", allow=PREPARE, kwargs=_dongying, data=lambda ctx: {"x": "1"},
         overrides=OTHER_DISTRICT, **_POST),
    Page("employment:correction-list", allow=PREPARE),
    Page("employment:payee-account", allow=PREPARE),
]
