"""Domain errors of employment services; each carries a message meant for the user."""

from __future__ import annotations

from workflow.exceptions import WorkflowError


class EmploymentError(WorkflowError):
    default_code = "employment"
