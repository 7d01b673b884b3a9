"""Pages of the resident's online service, by topic; `home` is mounted as portal:resident-home."""

from portal.resident.views.home import home

__all__ = ["home"]
