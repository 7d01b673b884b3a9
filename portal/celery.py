"""The Celery application: configuration from Django settings, tasks autodiscovered, beat schedule."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Worker and beat log JSON through settings.LOGGING, and tasks carry the id of the request that queued them.
import portal.observability.celery_signals  # noqa: E402, F401

# Scheduled work lives here, in code, so that every deployment runs the same schedule.
# Each entry names a task by its dotted name; the apps own the tasks. Options:
# `expires` drops a run that waited too long in the queue (the next one will do the work).
BEAT_SCHEDULE = {
    "workflow-escalation-sweep": {
        "task": "workflow.tasks.escalation_sweep", "schedule": crontab(), "options": {"expires": 55},
    },
    # Queues the SMS that are due (retries, and those whose task never reached a stopped broker) and
    # settles those whose sender died mid-send.
    "workflow-outbox-dispatch": {
        "task": "workflow.tasks.outbox_dispatch", "schedule": crontab(), "options": {"expires": 55},
    },
    # The back office's daily figures (decided, in time) for closed days: hourly, so that a case decided just
    # before midnight but written after the run, or a correction, is caught; each run redoes the last 3 closed days
    # and fills any missing day of the period (a beat down for days is made good by the next run).
    "workflow-daily-figures": {
        "task": "workflow.tasks.daily_figures_rollup", "schedule": crontab(minute=7), "options": {"expires": 3000},
    },
    # Exchange with other departments: persons created while the police's population service was down are
    # checked again (backoff per person); declarations and flexible-employment assessments are sent to the tax bureau.
    "accounts-identity-recheck": {
        "task": "accounts.tasks.identity_recheck", "schedule": crontab(minute="*/5"), "options": {"expires": 240},
    },
    "insurance-tax-outbox-dispatch": {
        "task": "insurance.tasks.tax_outbox_dispatch", "schedule": crontab(), "options": {"expires": 55},
    },
    "insurance-tax-flexible-assess": {
        "task": "insurance.tasks.tax_flexible_assess", "schedule": crontab(minute=20, hour=1),
        "options": {"expires": 3000},
    },
    # The hall: day-before appointment reminders (hourly in the day; outbox keys make reruns harmless),
    # appointments not kept, and the queues of past days closed after midnight.
    "counter-appointment-reminders": {
        "task": "counter.tasks.appointment_reminders", "schedule": crontab(minute=5), "options": {"expires": 3000},
    },
    "counter-appointment-no-shows": {
        "task": "counter.tasks.appointment_no_shows", "schedule": crontab(minute="*/15"), "options": {"expires": 600},
    },
    "counter-close-queues": {
        "task": "counter.tasks.close_queues", "schedule": crontab(minute=10, hour=0), "options": {"expires": 3000},
    },
    # The month's pension payments (daily: a pension granted since is picked up; a rerun adds nothing); staff
    # gather them with benefits and subsidies into payment batches per bank.
    "insurance-pension-payments": {
        "task": "insurance.tasks.pension_payments_generate", "schedule": crontab(minute=20, hour=2),
        "options": {"expires": 3000},
    },
    # Pensioners' proof of life: silent certification from the records the bureau counts, then warn those due
    # (once per due date, with the nearest point), suspend those overdue.
    "insurance-proof-of-life-sweep": {
        "task": "insurance.tasks.proof_of_life_sweep", "schedule": crontab(minute=30, hour=6),
        "options": {"expires": 3000},
    },
    # Proof-of-life photos still waiting for the face-comparison service, if one is connected (else a no-op).
    "insurance-proof-photo-face-checks": {
        "task": "insurance.tasks.proof_photo_face_checks", "schedule": crontab(minute="*/5"),
        "options": {"expires": 240},
    },
    # Employment: the month's benefit payments (daily; a rerun adds nothing), the nightly fraud sweep over every
    # beneficiary, and the prompts of those whose situation changed with time alone.
    "employment-benefit-payments": {
        "task": "employment.tasks.benefit_payments_generate", "schedule": crontab(minute=15, hour=2),
        "options": {"expires": 3000},
    },
    "employment-fraud-sweep": {
        "task": "employment.tasks.fraud_sweep", "schedule": crontab(minute=30, hour=1), "options": {"expires": 3000},
    },
    "employment-prompts-sweep": {
        "task": "employment.tasks.prompts_sweep", "schedule": crontab(minute=45, hour=2), "options": {"expires": 3000},
    },
    # Proactive entitlements (免申即享): every registered finder (retirement 3 months ahead...) opens the cases the
    # persons and employers found are offered to confirm; offers left unanswered past their day lapse. Daily, at 7.
    "workflow-proactive-run": {
        "task": "workflow.tasks.proactive_run", "schedule": crontab(minute=0, hour=7), "options": {"expires": 3000},
    },
    # The nightly backup into BACKUP_DIR with the retention rule, and a weekly restore drill of the newest one
    # (README, Operations). After the night's sweeps; `expires` so that a beat down all night does not stack runs.
    "portal-backup": {
        "task": "portal.tasks.backup_daily", "schedule": crontab(minute=30, hour=3), "options": {"expires": 3 * 3600},
    },
    "portal-restore-drill": {
        "task": "portal.tasks.restore_drill_weekly", "schedule": crontab(minute=30, hour=5, day_of_week="sunday"),
        "options": {"expires": 3 * 3600},
    },
    "portal-heartbeat": {
        "task": "portal.tasks.heartbeat", "schedule": crontab(minute="*/5"), "options": {"expires": 240},
    },
}
app.conf.beat_schedule = BEAT_SCHEDULE
