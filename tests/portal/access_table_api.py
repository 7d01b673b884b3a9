"""Permission-table rows for the data-exchange API: session logins count for nothing, a token is needed."""

from tests.architecture.access import EVERYONE, Page

PAGES = [
    Page("api:openapi-json", allow=EVERYONE),
    Page("api:api-root", allow=EVERYONE, ok=404),
    Page("api:identity-check", allow=EVERYONE, ok=401, method="post", data=lambda ctx: {}),
    Page("api:death-notices", allow=EVERYONE, ok=401, method="post", data=lambda ctx: {}),
    Page("api:household-lists", allow=EVERYONE, ok=401, method="post", data=lambda ctx: {}),
    Page("api:civil-affairs-death-notices", allow=EVERYONE, ok=401, method="post", data=lambda ctx: {}),
    Page("api:business-registrations", allow=EVERYONE, ok=401, method="post", data=lambda ctx: {}),
    Page("api:tax-order-collections", allow=EVERYONE, ok=401, method="post", data=lambda ctx: {}),
    Page("api:tax-flexible-collections", allow=EVERYONE, ok=401, method="post", data=lambda ctx: {}),
    Page("api:bank-payment-results", allow=EVERYONE, ok=401, method="post", data=lambda ctx: {}),
    Page("api:death-notices", allow=EVERYONE, ok=405),
]
