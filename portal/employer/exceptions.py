"""Errors of the employer's online service; each carries a message meant for the user."""

from __future__ import annotations

from workflow.exceptions import WorkflowError


class EmployerError(WorkflowError):
    """A request the employer's service refuses. `field` names the form field it concerns, if any."""

    default_code = "employer"

    def __init__(self, message, *, code: str | None = None, field: str | None = None):
        super().__init__(message, code=code)
        self.field = field
