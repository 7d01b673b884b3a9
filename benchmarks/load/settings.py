"""The portal's settings for a load run on this machine (benchmarks/load/run.py sets DJANGO_SETTINGS_MODULE to this
module for gunicorn, the Celery worker and beat). Production settings (DEBUG off, real password hashing), except
what only a browser behind the TLS proxy would see: locust speaks plain HTTP to 127.0.0.1, so the cookies are not
marked Secure and nothing redirects to HTTPS. The tracking page's per-address limit is off (run.py sets
TRACKING_RATE_LIMIT=off): every simulated member of the public comes from 127.0.0.1."""

from portal.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
