"""Permission-table rows for the insurance pages."""

from datetime import date

from tests.architecture.access import EVERYONE, Page

CLERK = ("clerk",)
RECORDS = ("clerk", "reviewer", "head", "leader")
PAYMENTS = ("clerk", "head")
PENSIONERS = ("clerk", "reviewer", "head")
BACK_OFFICE_404 = {"reviewer": 404, "head": 404}


def context(ctx: dict) -> dict:
    """A 河口区 employer with a draft and a declared month, a card ready at the clerk's hall, a statement."""
    from insurance.services import (
        card_apply,
        card_batch_create,
        card_batch_deliver,
        declaration_submit,
        enrolment_start,
        statement_issue,
    )
    from insurance.services.uploads import WageRow
    from tests.factories import EmployerFactory, PersonFactory, region

    actor = ctx["clerk"]
    out = {}
    for key, district in (("hekou", "370503"), ("dongying", "370502")):
        employer = EmployerFactory(region=region(district))
        person = PersonFactory(hukou_region=region(f"{district}001"), residence_region=region(f"{district}001"))
        enrolment_start(actor=actor, person=person, employer=employer, types=["pension"], started_on=date(2026, 1, 1))
        rows = [WageRow(row=1, id_number=person.id_number, name=person.name, wage="6000")]
        out[f"draft_{key}"] = declaration_submit(employer=employer, month=date(2026, 2, 1), rows=rows, actor=actor,
                                                 channel="counter", declare=False)
        declared = declaration_submit(employer=employer, month=date(2026, 1, 1), rows=rows, actor=actor,
                                      channel="counter")
        out[f"order_{key}"] = declared.orders.get()
        out[f"statement_{key}"] = statement_issue(person=person, year=2025, actor=actor, channel="counter")
    holder = PersonFactory()
    card_apply(person=holder, actor=actor, hall=actor.office)
    out["batch"] = card_batch_create(actor=actor, hall=actor.office)
    card_batch_deliver(batch=out["batch"], actor=actor, hall=actor.office)
    out["ready_card"] = holder.cards.get()
    return out


PAGES = [
    Page("insurance:declaration-list", allow=CLERK),
    Page("insurance:declaration-template", allow=CLERK),
    Page("insurance:declaration-detail", allow=RECORDS, kwargs=lambda ctx: {"pk": ctx["draft_hekou"].pk}),
    # Another district's employer is out of the 河口区 back office's sight.
    Page("insurance:declaration-detail", allow=RECORDS, kwargs=lambda ctx: {"pk": ctx["draft_dongying"].pk},
         overrides=BACK_OFFICE_404),
    Page("insurance:declaration-declare", allow=CLERK, ok=302, method="post",
         kwargs=lambda ctx: {"pk": ctx["draft_hekou"].pk}),
    Page("insurance:payment-list", allow=PAYMENTS),
    Page("insurance:tax-reconciliation", allow=("head", "leader")),
    Page("insurance:payment-confirm", allow=PAYMENTS, kwargs=lambda ctx: {"pk": ctx["order_hekou"].pk}),
    Page("insurance:payment-confirm", allow=PAYMENTS, kwargs=lambda ctx: {"pk": ctx["order_dongying"].pk},
         overrides={"head": 404}),
    Page("insurance:card-list", allow=PAYMENTS),
    Page("insurance:card-batch-confirm", allow=PAYMENTS),
    Page("insurance:card-batch-create", allow=PAYMENTS, ok=302, method="post"),
    # A batch belongs to its hall (广饶县 here): the head of 河口区's back office does not see it.
    Page("insurance:card-batch-detail", allow=CLERK, kwargs=lambda ctx: {"pk": ctx["batch"].pk},
         overrides={"head": 404}),
    # Only the hall where the card waits hands it over.
    Page("insurance:card-issue", allow=CLERK, ok=302, method="post", overrides={"head": 404},
         kwargs=lambda ctx: {"pk": ctx["ready_card"].pk}),
    Page("insurance:pensioner-proof-due", allow=PENSIONERS),
    Page("insurance:person-records", allow=RECORDS, kwargs=lambda ctx: {"pk": ctx["person_hekou"].pk}),
    Page("insurance:person-records", allow=RECORDS, kwargs=lambda ctx: {"pk": ctx["person_dongying"].pk},
         overrides=BACK_OFFICE_404),
    Page("insurance:statement-issue", allow=CLERK, ok=302, method="post", data=lambda ctx: {"year": 2025},
         kwargs=lambda ctx: {"pk": ctx["person_hekou"].pk}),
    # Logged in: the holder or staff who see insurance records; anyone else gets 404, not a hint.
    Page("insurance:statement-download", allow=RECORDS, deny=404,
         kwargs=lambda ctx: {"code": ctx["statement_hekou"].code}),
    Page("insurance:statement-download", allow=RECORDS, deny=404, overrides=BACK_OFFICE_404,
         kwargs=lambda ctx: {"code": ctx["statement_dongying"].code}),
    Page("insurance:statement-verify", allow=EVERYONE),
    Page("insurance:statement-verify", allow=EVERYONE, ok=404, data=lambda ctx: {"code": "3333-4444-6666-7777"}),
]
