"""workflow: the service catalogue, cases, deadlines, receipts, tracking and the SMS outbox."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Workflow")

    def ready(self) -> None:
        from accounts.roles import Role, grant

        grant("workflow.accept_case", Role.CLERK)
        grant("workflow.review_case", Role.REVIEWER, Role.OFFICE_HEAD)
        grant("workflow.manage_office_cases", Role.OFFICE_HEAD)
        grant("workflow.view_city_overview", Role.BUREAU_LEADER)
        grant("workflow.view_rating_stats", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        grant("workflow.view_rating", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        grant("workflow.view_ratingtimelimit", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        grant("workflow.change_ratingtimelimit", Role.BUREAU_LEADER)
        for model in ("calendarday", "calendaryear", "servicetype", "servicematerial", "escalationpolicy"):
            grant(f"workflow.view_{model}", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
            grant(f"workflow.change_{model}", Role.BUREAU_LEADER)
        for model in ("calendarday", "servicematerial", "pointservice"):
            grant(f"workflow.add_{model}", Role.BUREAU_LEADER)
            grant(f"workflow.delete_{model}", Role.BUREAU_LEADER)
        grant("workflow.view_pointservice", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        grant("workflow.change_pointservice", Role.BUREAU_LEADER)
        _register_navigation()
        from workflow import rectification

        rectification.register()
        from accounts.access_log.work import register_work_counter
        from workflow.selectors.work import cases_handled

        register_work_counter("workflow.cases_handled", cases_handled)
        # After every app's migrations: the registry is complete once all apps are ready.
        post_migrate.connect(_sync_after_migrate, dispatch_uid="workflow.service_types_sync")
        _connect_calendar()
        _connect_points()


def _sync_after_migrate(sender, **kwargs):
    if sender.name != "workflow":
        return
    from workflow.services.catalogue import service_types_sync

    service_types_sync()


def _connect_points() -> None:
    """Desks share what each level of service point accepts (workflow.selectors.points): an edit clears it."""
    from workflow.models import PointService, ServiceType
    from workflow.selectors.points import point_service_codes_forget

    for model in (PointService, ServiceType):
        for signal in (post_save, post_delete):
            signal.connect(point_service_codes_forget, sender=model,
                           dispatch_uid=f"workflow.point_service_codes_forget.{model.__name__}")


def _connect_calendar() -> None:
    """Pages share a cached calendar (workflow.services.calendar): an edit in the admin clears it."""
    from workflow.models import CalendarDay, CalendarYear
    from workflow.services.calendar import calendar_cache_forget

    for model in (CalendarDay, CalendarYear):
        for signal in (post_save, post_delete):
            signal.connect(calendar_cache_forget, sender=model,
                           dispatch_uid=f"workflow.calendar_cache_forget.{model.__name__}")


def _register_navigation() -> None:
    """The back office's home pages (above the generic staff home) and menu entries."""
    from accounts import navigation

    navigation.register_home(perm="workflow.review_case", url_name="workflow:workbench", priority=20)
    navigation.register_home(perm="workflow.manage_office_cases", url_name="workflow:head-board", priority=30)
    navigation.register_home(perm="workflow.view_city_overview", url_name="workflow:city-overview", priority=40)
    navigation.register_nav(section="staff", label=_("Workbench"), url_name="workflow:workbench",
                            perm="workflow.review_case", order=10)
    navigation.register_nav(section="staff", label=_("Office board"), url_name="workflow:head-board",
                            perm="workflow.manage_office_cases", order=20)
    navigation.register_nav(section="staff", label=_("City overview"), url_name="workflow:city-overview",
                            perm="workflow.view_city_overview", order=30)
    navigation.register_nav(section="staff", label=_("Ratings"), url_name="workflow:rating-stats",
                            perm="workflow.view_rating_stats", order=35)
