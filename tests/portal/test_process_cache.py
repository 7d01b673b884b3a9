"""The `local` cache keeps objects as they are (no pickling), with the local-memory cache's expiry and culling."""

from django.core.cache import caches
from freezegun import freeze_time

from portal.cache import ProcessMemoryCache


def test_the_local_cache_hands_back_the_stored_object_until_it_expires():
    cache = caches["local"]
    assert isinstance(cache, ProcessMemoryCache)
    value = frozenset({1, 2})
    with freeze_time("2026-12-06 10:00:00"):
        cache.set("process-cache-test", value, 60)
        assert cache.get("process-cache-test") is value
        assert cache.add("process-cache-test", "other", 60) is False
    with freeze_time("2026-12-06 10:01:01"):
        assert cache.get("process-cache-test") is None
        assert cache.add("process-cache-test", 5, 60) is True
        assert cache.incr("process-cache-test", 2) == 7 and cache.get("process-cache-test") == 7
        cache.delete("process-cache-test")
        assert cache.get("process-cache-test", "gone") == "gone"
