"""workflow models: the catalogue, cases and their timeline, the calendar, sequences, the outbox."""

from workflow.models.bundles import Bundle, BundleCase
from workflow.models.calendar import CalendarDay, CalendarYear
from workflow.models.cases import Case, CaseEvent, CasePause, CaseStep
from workflow.models.catalogue import EscalationPolicy, ServiceMaterial, ServiceType
from workflow.models.documents import CaseDocument
from workflow.models.outbox import OutboundMessage, SmsTemplate
from workflow.models.points import PointService
from workflow.models.proactive import ProactiveOffer
from workflow.models.ratings import Rating, RatingTimeLimit
from workflow.models.rollups import DailyFiguresDay, DailyIntakeFigures, DailyOfficeFigures
from workflow.models.sequences import Sequence
from workflow.models.timeline import PublicTimeline

__all__ = [
    "Bundle", "BundleCase",
    "CalendarDay", "CalendarYear", "Case", "CaseDocument", "CaseEvent", "CasePause", "CaseStep", "DailyFiguresDay",
    "DailyIntakeFigures", "DailyOfficeFigures", "EscalationPolicy",
    "OutboundMessage", "PointService", "ProactiveOffer", "PublicTimeline", "Rating", "RatingTimeLimit", "Sequence",
    "ServiceMaterial", "ServiceType", "SmsTemplate",
]
