"""The back office's pages under /cases/: workbench, board, overview, the case page and one URL per action."""

from django.urls import path

from workflow.views.backoffice import case, lists, ratings

app_name = "workflow"

urlpatterns = [
    path("", lists.workbench, name="workbench"),
    path("board/", lists.board, name="head-board"),
    path("overview/", lists.overview, name="city-overview"),
    path("offices/<str:code>/", lists.office_cases, name="office-cases"),
    path("alerts/<int:pk>/seen/", lists.acknowledge, name="alert-acknowledge"),
    path("ratings/", ratings.rating_stats, name="rating-stats"),
    path("<str:number>/", case.case_detail, name="case-detail"),
    path("<str:number>/rectification/reply/", ratings.reply, name="rectification-reply"),
    path("<str:number>/rectification/done/", ratings.rectified, name="rectification-done"),
    path("<str:number>/claim/", case.claim, name="case-claim"),
    path("<str:number>/release/", case.release, name="case-release"),
    path("<str:number>/request-material/", case.request_supplement, name="case-request-supplement"),
    path("<str:number>/material-received/", case.supplement_received, name="case-supplement-received"),
    path("<str:number>/approve/", case.approve, name="case-approve"),
    path("<str:number>/reject/", case.reject, name="case-reject"),
    path("<str:number>/withdraw/", case.withdraw, name="case-withdraw"),
    path("<str:number>/assign/", case.assign, name="case-assign"),
    path("<str:number>/send/", case.reassign, name="case-reassign"),
]
