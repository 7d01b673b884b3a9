"""Market regulation: new business registrations pre-register employers."""

from __future__ import annotations

from ninja import Field, Router, Schema

from accounts.identifiers import normalize_credit_code
from accounts.models import ApiScope, Employer, Region
from accounts.services import employer_create
from portal.api.core import COMMON, ClientToken, Text
from portal.api.idempotency import run_once
from portal.api.rows import BatchOut, RowError, process_rows

router = Router(auth=ClientToken(ApiScope.MARKET_REGULATION), tags=["market regulation"])


class Business(Schema):
    credit_code: str = Text(20)
    name: str = Text(120, min_length=1)
    region_code: str = Text(12, description="GB/T 2260 code of the registered region")
    legal_representative: str = Text(50, default="")
    address: str = Text(200, default="")


class BusinessRegistrationsIn(Schema):
    request_id: str = Text(64, min_length=1)
    businesses: list[Business] = Field(max_length=1000)


def _register(client, business: Business) -> str:
    code = normalize_credit_code(business.credit_code)
    if Employer.objects.filter(credit_code=code).exists():
        return "unchanged"
    region = Region.objects.filter(code=business.region_code.strip()).first()
    if region is None or not region.in_city:
        raise RowError("unknown_region", "The registered region is not a division of this city.")
    employer_create(actor=client.user, credit_code=code, name=business.name, region=region,
                    legal_representative=business.legal_representative, address=business.address)
    return "created"


@router.post("/business-registrations", response={200: BatchOut, **COMMON}, url_name="business-registrations")
def business_registrations(request, payload: BusinessRegistrationsIn):
    """Pre-register newly licensed businesses as employers (they are then prompted to open insurance)."""
    client = request.auth
    return run_once(
        client=client, request_id=payload.request_id, endpoint="business-registrations",
        payload=payload.model_dump(mode="json"),
        handler=lambda: process_rows(request, payload.request_id, payload.businesses,
                                     lambda business: _register(client, business)),
    )
