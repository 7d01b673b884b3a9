"""Issuing rights statements: the PDF, its verification code and its hash, kept so the code verifies."""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person, User
from insurance.documents.statement import statement_pdf
from insurance.exceptions import InsuranceError
from insurance.models import RightsStatement
from insurance.rules.codes import new_code
from insurance.selectors.statements import statement_data

FIRST_YEAR = 1990


@transaction.atomic
def statement_issue(*, person: Person, year: int, actor: User, channel: str, case=None) -> RightsStatement:
    """Generate a person's statement for a year and keep its code, hash and figures."""
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise InsuranceError(_("Choose a year from %(first)s to this year.") % {"first": FIRST_YEAR}, code="year")
    data = statement_data(person=person, year=year)
    issued_at = timezone.localtime()
    for _attempt in range(3):
        code = new_code()
        pdf = statement_pdf(data=data, code=code, issued_at=issued_at)
        try:
            with transaction.atomic():
                return RightsStatement.objects.create(
                    code=code, person=person, year=year, sha256=hashlib.sha256(pdf).hexdigest(),
                    summary={k: v for k, v in data.items() if k != "months"}, pdf=pdf, issued_at=issued_at,
                    issued_by=actor, channel=channel, case=case)
        except IntegrityError:  # a code drawn twice: draw again
            continue
    raise InsuranceError(_("Could not issue the statement; try again."), code="code")


def statement_matches(*, statement: RightsStatement, content: bytes) -> bool:
    """Whether an uploaded file is exactly the document issued under this code."""
    return hashlib.sha256(content).hexdigest() == statement.sha256
