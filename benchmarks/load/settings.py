"""The portal's settings for a load run on this machine (benchmarks/load/run.py sets DJANGO_SETTINGS_MODULE to this
module for gunicorn, the Celery worker and beat). Production settings (DEBUG off, real password hashing), except
what only a browser behind the TLS proxy would see: locust speaks plain HTTP to 127.0.0.1, so the cookies are not
marked Secure and nothing redirects to HTTPS. The tracking page's per-address limit is off (run.py sets
TRACKING_RATE_LIMIT=off): every simulated member of the public comes from 127.0.0.1. A simulated resident asks
for more statements in a run of long steps than a person may in an hour (20): a refusal would count as an error
of the step, so the limit is raised."""

from portal.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
RESIDENT_STATEMENT_RATE = "1000/h"
