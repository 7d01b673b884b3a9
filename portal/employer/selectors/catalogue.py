"""The registered services an employer may start online, from the workflow registry."""

from __future__ import annotations

from workflow.registry import Applicant, Channel
from workflow.selectors.catalogue import CatalogueEntry, catalogue, catalogue_entry

# Services the employer's pages compose into one form: their catalogue entry leads there.
COMPOSED = {
    "employment.registration": "employer:new-hire",
    "insurance.enrol": "employer:new-hire",
    "employment.separation": "employer:employees",
    "insurance.enrol_end": "employer:employees",
    "insurance.card_apply_batch": "employer:cards",
}


class Entry(CatalogueEntry):
    @property
    def composed_url(self) -> str:
        return COMPOSED.get(self.spec.code, "")

    @property
    def for_a_person(self) -> bool:
        return self.spec.applicant == Applicant.BOTH


EMPLOYER_APPLICANTS = (Applicant.EMPLOYER, Applicant.BOTH)


def employer_catalogue() -> list[Entry]:
    """Active services, the most used first (one query)."""
    return [Entry(e.spec, e.service) for e in catalogue(channel=Channel.ONLINE, applicants=EMPLOYER_APPLICANTS)]


def employer_entry(code: str) -> Entry | None:
    """One active service with its materials (two queries), or None."""
    entry = catalogue_entry(channel=Channel.ONLINE, applicants=EMPLOYER_APPLICANTS, code=code)
    return Entry(entry.spec, entry.service) if entry is not None else None
