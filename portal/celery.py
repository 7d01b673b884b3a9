"""The Celery application: configuration from Django settings, tasks autodiscovered, beat schedule."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Scheduled work lives here, in code, so that every deployment runs the same schedule.
# Each entry names a task by its dotted name; the apps own the tasks. Options:
# `expires` drops a run that waited too long in the queue (the next one will do the work).
BEAT_SCHEDULE = {
    "workflow-escalation-sweep": {
        "task": "workflow.tasks.escalation_sweep", "schedule": crontab(), "options": {"expires": 55},
    },
    "portal-heartbeat": {
        "task": "portal.tasks.heartbeat", "schedule": crontab(minute="*/5"), "options": {"expires": 240},
    },
}
app.conf.beat_schedule = BEAT_SCHEDULE
