"""The API object, bearer-token authentication with scopes, common responses and error handlers."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer

from accounts.api_clients import api_client_for_token
from accounts.models import ApiClient

# Text fields refuse control characters (PostgreSQL cannot store NUL in text or jsonb): a clear 422.
PLAIN_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def Text(max_length: int, *, min_length: int = 0, default=..., description: str = ""):
    return Field(default, min_length=min_length, max_length=max_length, pattern=PLAIN_TEXT,
                 description=description or None)


class ErrorOut(Schema):
    detail: str


class ScopeDenied(Exception):
    pass


class ClientToken(HttpBearer):
    """A department's bearer token; the route's scope must be among the client's scopes."""

    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = api_client_for_token(token)
        if client is None:
            return None
        request.api_client = client  # for the request log
        if not client.has_scope(self.scope):
            raise ScopeDenied(self.scope)
        return client


api = NinjaAPI(
    title="Dongying HRSS data exchange",
    version="1.0",
    description="Data exchange with tax, market regulation, public security, civil affairs and banks. "
                "Every write carries a client request id and is idempotent; batch endpoints answer per row.",
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url=None,  # the interactive docs load assets from a CDN; the schema is enough
)

# Responses every authenticated write may give, documented so that clients (and schemathesis) know them.
COMMON = {401: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@api.exception_handler(ScopeDenied)
def scope_denied(request, exc):
    return api.create_response(request, {"detail": "This client may not use this part of the API."}, status=403)


@api.exception_handler(ValidationError)
def invalid_body(request, exc):
    fields = sorted({".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors})
    return api.create_response(
        request, {"detail": "The request does not match the schema: " + ", ".join(f for f in fields if f)},
        status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "A valid bearer token is required."}, status=401)
