"""The project package: settings, URLs, the Celery app, and the public and online channels."""

from .celery import app as celery_app

__all__ = ("celery_app",)
