"""A Redis cache that degrades to misses when Redis is down, so no page fails or waits on it."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# After a failure, skip Redis for this long instead of paying a timeout on every call.
RETRY_AFTER = 5.0


class _ReusingClient(RedisCacheClient):
    """Django builds a new redis.Redis object for every cache call (with its table of response callbacks);
    one per connection pool is enough: the object is thread-safe and the pool does the connecting."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient

    def _guard(self, method: str, default, *args, **kwargs):
        if time.monotonic() < ResilientRedisCache._down_until:
            return default
        try:
            return getattr(super(), method)(*args, **kwargs)
        except _ERRORS as exc:
            ResilientRedisCache._down_until = time.monotonic() + RETRY_AFTER
            logger.warning("Cache unavailable (%s); carrying on without it.", exc)
            return default

    def get(self, key, default=None, version=None):
        return self._guard("get", default, key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._guard("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._guard("add", False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, keys, version)

    def set_many(self, data, timeout=None, version=None):
        return self._guard("set_many", [], data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        result = self._guard("incr", None, key, delta, version)
        if result is None:
            raise ValueError("Cache unavailable")
        return result

    def touch(self, key, timeout=None, version=None):
        return self._guard("touch", False, key, timeout, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, key, version)

    def clear(self):
        return self._guard("clear", None)

    def ping(self) -> bool:
        """Ask Redis directly, bypassing the guard (for /healthz)."""
        return bool(self._cache.get_client(write=True).ping())


class ProcessMemoryCache(LocMemCache):
    """Django's local-memory cache without pickling: a value is kept as the object it is, so a hit costs a
    dictionary look-up instead of rebuilding the object (the reference names and the working-day calendar every
    tracking page and countdown reads were unpickled at every request). For the `local` cache only, whose values
    are never changed after they are stored: frozen dataclasses, tuples, strings, rendered fragments."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = self._cache[key] + delta
            self._cache[key] = value
            self._cache.move_to_end(key, last=False)
        return value
