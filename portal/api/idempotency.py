"""Idempotent writes: the same client request id returns the first answer and changes nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from ninja import Status

from portal.models import IdempotentRequest


def _hash(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def run_once(*, client, request_id: str, endpoint: str, payload: dict,
             handler: Callable[[], tuple[int, dict]]) -> Status:
    """Run `handler` once per (client, request id), in one transaction with the stored answer.

    A concurrent duplicate waits for the first to commit (unique index) and then gets its answer;
    the same id with a different body or endpoint is a conflict (409).
    """
    body_hash = _hash(payload)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotentRequest.objects.create(
                    client=client, request_id=request_id, endpoint=endpoint, body_hash=body_hash,
                    status_code=0, response={},
                )
        except IntegrityError:
            record = None
        if record is None:
            first = IdempotentRequest.objects.get(client=client, request_id=request_id)
            if first.body_hash != body_hash or first.endpoint != endpoint:
                return Status(409, {"detail": "This request id was already used for a different request."})
            return Status(first.status_code, first.response)
        status, body = handler()
        record.status_code, record.response = status, body
        record.save(update_fields=["status_code", "response"])
        return Status(status, body)
