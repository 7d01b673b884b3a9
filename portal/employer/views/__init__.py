"""Pages of the employer's online service, by topic. The home page is mounted as portal:employer-home."""

from portal.employer.views.home import home

__all__ = ["home"]
