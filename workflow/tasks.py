"""Celery tasks of the workflow: thin wrappers that call a service."""

from dataclasses import asdict

from celery import shared_task

from workflow.services.delivery import outbox_deliver
from workflow.services.outbox import outbox_dispatch
from workflow.services.rollups import daily_figures_rollup
from workflow.services.sweep import escalation_sweep


@shared_task(name="workflow.tasks.escalation_sweep", ignore_result=True)
def escalation_sweep_task() -> dict:
    result = escalation_sweep()
    return {"cases": result.cases, "steps": result.steps}


@shared_task(name="workflow.tasks.outbox_send", ignore_result=True)
def outbox_send(message_id: int, attempt: int | None = None) -> str:
    return outbox_deliver(message_id=message_id, attempt=attempt)


@shared_task(name="workflow.tasks.outbox_dispatch", ignore_result=True)
def outbox_dispatch_task() -> dict:
    return asdict(outbox_dispatch())


@shared_task(name="workflow.tasks.proactive_run", ignore_result=True)
def proactive_run_task() -> dict:
    from workflow.services.proactive import proactive_run

    return asdict(proactive_run())


@shared_task(name="workflow.tasks.daily_figures_rollup", ignore_result=True)
def daily_figures_rollup_task() -> dict:
    result = daily_figures_rollup()
    return {"days": [str(day) for day in result.days], "rows": result.rows, "intake_rows": result.intake_rows,
            "skipped": result.skipped}
