"""Labour's pages: /labour/..."""

from django.urls import path

from labour.views import arbitration, complaints, employer

app_name = "labour"

urlpatterns = [
    path("complaints/", complaints.complaints, name="complaints"),
    path("complaints/<str:number>/", complaints.complaint_detail, name="complaint-detail"),
    path("complaints/<str:number>/accept/", complaints.complaint_accept, name="complaint-accept"),
    path("complaints/<str:number>/refuse/", complaints.complaint_refuse, name="complaint-refuse"),
    path("complaints/<str:number>/conclude/", complaints.complaint_conclude, name="complaint-conclude"),
    path("complaints/<str:number>/extend/", complaints.complaint_extend, name="complaint-extend"),
    path("arbitration/", arbitration.arbitrations, name="arbitrations"),
    path("arbitration/<str:number>/", arbitration.arbitration_detail, name="arbitration-detail"),
    path("arbitration/<str:number>/accept/", arbitration.arbitration_accept, name="arbitration-accept"),
    path("arbitration/<str:number>/hearing/", arbitration.hearing_schedule, name="hearing-schedule"),
    path("arbitration/<str:number>/award/", arbitration.arbitration_award, name="arbitration-award"),
    path("arbitration/<str:number>/extend/", arbitration.arbitration_extend, name="arbitration-extend"),
    path("employer/", employer.employer_complaints, name="employer-complaints"),
    path("employer/<str:number>/answer/", employer.employer_answer, name="employer-answer"),
]
