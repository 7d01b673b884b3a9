"""workflow models: the catalogue, cases and their timeline, the calendar, sequences, the outbox."""

from workflow.models.calendar import CalendarDay, CalendarYear
from workflow.models.cases import Case, CaseEvent, CasePause, CaseStep
from workflow.models.catalogue import EscalationPolicy, ServiceMaterial, ServiceType
from workflow.models.documents import CaseDocument
from workflow.models.outbox import OutboundMessage, SmsTemplate
from workflow.models.points import PointService
from workflow.models.rollups import DailyFiguresDay, DailyOfficeFigures
from workflow.models.sequences import Sequence
from workflow.models.timeline import PublicTimeline

__all__ = [
    "CalendarDay", "CalendarYear", "Case", "CaseDocument", "CaseEvent", "CasePause", "CaseStep", "DailyFiguresDay",
    "DailyOfficeFigures", "EscalationPolicy",
    "OutboundMessage", "PointService", "PublicTimeline", "Sequence", "ServiceMaterial", "ServiceType", "SmsTemplate",
]
