"""accounts models: places, parties and logins."""

from accounts.models.access_log import AccessLogEntry
from accounts.models.api import ApiClient, ApiScope, ApiToken
from accounts.models.ecard import ECardUse
from accounts.models.identity import IdentityCheck
from accounts.models.otp import OneTimeCode
from accounts.models.parties import Employer, Person
from accounts.models.passwords import PasswordHistory
from accounts.models.places import Office, Region
from accounts.models.users import User

__all__ = [
    "AccessLogEntry",
    "ApiClient",
    "ApiScope",
    "ApiToken",
    "ECardUse",
    "Employer",
    "IdentityCheck",
    "Office",
    "OneTimeCode",
    "PasswordHistory",
    "Person",
    "Region",
    "User",
]
