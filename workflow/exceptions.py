"""Domain errors of the workflow; each carries a message meant for the user."""

from __future__ import annotations


class WorkflowError(Exception):
    default_code = "workflow"

    def __init__(self, message, *, code: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code


class InvalidTransition(WorkflowError):
    default_code = "invalid_transition"


class NotAllowed(WorkflowError):
    default_code = "not_allowed"


class RoutingError(WorkflowError):
    default_code = "routing"


class NotEligible(WorkflowError):
    """The service's blocking checks failed; `checks` lists every criterion with its outcome."""

    default_code = "not_eligible"

    def __init__(self, message, *, checks=(), code: str | None = None):
        super().__init__(message, code=code)
        self.checks = list(checks)

    @property
    def errors(self):
        return [c for c in self.checks if c.is_error]


class BundleBlocked(WorkflowError):
    """A life event's services cannot all be accepted: nothing was. `problems` lists, per service in the bundle's
    order, its name and the reasons (checks that failed, or why it cannot be started)."""

    default_code = "bundle_blocked"

    def __init__(self, message, *, problems=(), code: str | None = None):
        super().__init__(message, code=code)
        self.problems = list(problems)
