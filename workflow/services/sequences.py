"""Gap-free counters by key, safe with concurrent callers (the row is locked until the caller commits)."""

from django.db import IntegrityError, transaction
from django.db.models import F

from workflow.models import Sequence


@transaction.atomic
def sequence_reserve(key: str, count: int) -> int:
    """Reserve `count` consecutive values of the counter; returns the first (2 queries, whatever the count)."""
    updated = Sequence.objects.filter(key=key).update(value=F("value") + count)
    if not updated:
        try:
            with transaction.atomic():
                Sequence.objects.create(key=key, value=count)
            return 1
        except IntegrityError:  # created meanwhile by a concurrent caller
            Sequence.objects.filter(key=key).update(value=F("value") + count)
    return Sequence.objects.values_list("value", flat=True).get(key=key) - count + 1


def sequence_next(key: str) -> int:
    return sequence_reserve(key, 1)
