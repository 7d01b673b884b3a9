"""The public timeline of a case: what the tracking page shows besides the case's own columns, kept up to date by
the services that write the timeline (workflow.services.timeline), so that the page reads one row whatever the
length of the case's history and whatever was viewed before."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from workflow.models.cases import Case, CaseEvent

# What the applicant sees of the timeline; reminders, warnings, escalations and notes are the bureau's own business.
PUBLIC_EVENTS = frozenset({
    CaseEvent.Kind.ACCEPTED, CaseEvent.Kind.ROUTED, CaseEvent.Kind.CLAIMED, CaseEvent.Kind.ASSIGNED,
    CaseEvent.Kind.RELEASED, CaseEvent.Kind.REASSIGNED, CaseEvent.Kind.SUPPLEMENT_REQUESTED,
    CaseEvent.Kind.SUPPLEMENT_RECEIVED, CaseEvent.Kind.APPROVED, CaseEvent.Kind.REJECTED,
    CaseEvent.Kind.COMPLETED, CaseEvent.Kind.WITHDRAWN, CaseEvent.Kind.DEADLINE_CHANGED,
})
# The time of an entry: UTC, always with microseconds, so that entries sort as strings.
AT_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"


class PublicTimeline(models.Model):
    """Only what the public may read: the masked applicant, the accepting user's kind and staff number, and the
    public events, each [time (AT_FORMAT), kind, office id, actor's kind, actor's staff number, event id]: never a
    name, a note or the application data. Labels and office names are looked up when the page is shown (they
    follow the language and the bureau's renames)."""

    case = models.OneToOneField(Case, verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
                                related_name="public_timeline")
    applicant = models.CharField(_("applicant (masked)"), max_length=200, blank=True)
    clerk_kind = models.CharField(_("kind of the accepting user"), max_length=10, blank=True)
    clerk_number = models.CharField(_("staff number of the accepting clerk"), max_length=20, blank=True)
    events = models.JSONField(_("public events"), default=list, blank=True)

    class Meta:
        verbose_name = _("public timeline")
        verbose_name_plural = _("public timelines")

    def __str__(self) -> str:
        return str(self.case_id)
