"""gunicorn's settings for the portal (Procfile, Dockerfile and docker-compose.yml start it with `-c` this file).

Environment: PORT (default 8000), WEB_CONCURRENCY (workers, default 3).
"""

import os

from gunicorn.http import wsgi

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"

# gunicorn writes "Server: gunicorn" itself, after the application has answered (Response.default_headers), so
# no middleware can take it away and gunicorn has no setting for it. Naming the server and its make helps only
# whoever looks for a known weakness: the header is left out of every response gunicorn sends.
_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server
