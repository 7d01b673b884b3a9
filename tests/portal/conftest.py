"""Fixtures of the portal's tests: the JSON log capture of the observability tests."""

from tests.portal.logcapture import json_log  # noqa: F401 (a fixture)
