"""Batch endpoints: every row on its own savepoint, so a bad row never stops good ones nor half-applies."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from ninja import Schema

from workflow.exceptions import WorkflowError


class RowError(Exception):
    """A row refused. `after`: what to record of the refusal itself (e.g. a payment that matches nothing), run
    once the row's own writes are undone."""

    def __init__(self, code: str, message: str, *, after: Callable[[], object] | None = None):
        super().__init__(message)
        self.code, self.message, self.after = code, message, after


class RowResult(Schema):
    index: int
    outcome: str
    code: str = ""
    message: str = ""


class BatchOut(Schema):
    request_id: str
    ok: int
    failed: int
    rows: list[RowResult]


def process_rows(request, request_id: str, rows: Iterable, apply: Callable[[object], str]) -> tuple[int, dict]:
    """apply(row) -> outcome word; RowError/ValidationError/WorkflowError make that row an error."""
    results = []
    for index, row in enumerate(rows):
        try:
            with transaction.atomic():
                outcome = apply(row)
            results.append(RowResult(index=index, outcome=outcome))
        except RowError as exc:
            if exc.after is not None:
                with transaction.atomic():
                    exc.after()
            results.append(RowResult(index=index, outcome="error", code=exc.code, message=exc.message))
        except ValidationError as exc:
            results.append(RowResult(index=index, outcome="error", code=exc.code or "invalid",
                                     message="; ".join(str(m) for m in exc.messages)))
        except WorkflowError as exc:
            results.append(RowResult(index=index, outcome="error", code=exc.code, message=str(exc.message)))
    failed = sum(1 for r in results if r.outcome == "error")
    request.api_outcome = f"rows ok={len(results) - failed} failed={failed}"
    body = BatchOut(request_id=request_id, ok=len(results) - failed, failed=failed, rows=results)
    return 200, body.model_dump(mode="json")
