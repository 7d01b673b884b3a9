"""workflow: the service catalogue, cases, deadlines, receipts, tracking and the SMS outbox."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Workflow")
