"""The request id carried into Celery: a task queued while serving a request (or running a task) logs with that
request's id. Its logs go through the portal's LOGGING (JSON), in the worker and in beat alike."""

from __future__ import annotations

import logging.config

from celery import signals

from portal.observability.logs import request_id_var, sane_request_id

HEADER = "portal_request_id"
_tokens: dict[str, object] = {}


@signals.setup_logging.connect(weak=False)
def use_portal_logging(**kwargs) -> None:
    """A receiver here stops Celery from installing its own handlers: worker and beat log as the web does."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@signals.before_task_publish.connect(weak=False)
def add_request_id(headers=None, **kwargs) -> None:
    request_id = request_id_var.get()
    if request_id and headers is not None:
        headers.setdefault(HEADER, request_id)


def _request_id_of(task) -> str | None:
    request = getattr(task, "request", None)
    value = getattr(request, HEADER, None) or (getattr(request, "headers", None) or {}).get(HEADER)
    return sane_request_id(value if isinstance(value, str) else None)


@signals.task_prerun.connect(weak=False)
def enter_request_id(task_id=None, task=None, **kwargs) -> None:
    # A task run eagerly (tests, CELERY_TASK_ALWAYS_EAGER) runs inside the request: its id is already set. One
    # that no request queued (beat's) is known by its own task id.
    request_id = _request_id_of(task) or request_id_var.get() or sane_request_id(task_id)
    if task_id:
        _tokens[task_id] = request_id_var.set(request_id)


@signals.task_postrun.connect(weak=False)
def leave_request_id(task_id=None, **kwargs) -> None:
    token = _tokens.pop(task_id, None) if task_id else None
    if token is not None:
        try:
            request_id_var.reset(token)
        except ValueError:  # set in another context (a pool that ran prerun elsewhere): nothing to restore
            request_id_var.set(None)
