"""Gap-free counters by key, safe with concurrent callers (the row is locked until the caller commits)."""

from django.db import IntegrityError, transaction
from django.db.models import F

from workflow.models import Sequence


@transaction.atomic
def sequence_next(key: str) -> int:
    updated = Sequence.objects.filter(key=key).update(value=F("value") + 1)
    if not updated:
        try:
            with transaction.atomic():
                Sequence.objects.create(key=key, value=1)
            return 1
        except IntegrityError:  # created meanwhile by a concurrent caller
            Sequence.objects.filter(key=key).update(value=F("value") + 1)
    return Sequence.objects.values_list("value", flat=True).get(key=key)
