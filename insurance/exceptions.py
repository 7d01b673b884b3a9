"""Domain errors of social insurance; each carries a message meant for the user."""

from __future__ import annotations

from workflow.exceptions import WorkflowError


class InsuranceError(WorkflowError):
    default_code = "insurance"


class RowErrors(InsuranceError):
    """An upload or a list of lines with errors: nothing was saved. `errors` is [(row number, message)]."""

    default_code = "rows"

    def __init__(self, message, *, errors: list[tuple[int, str]], code: str | None = None):
        super().__init__(message, code=code)
        self.errors = errors
