"""Staff pages of employment services (namespace "employment")."""

from django.urls import path

from employment.views import benefits, persons, reports

app_name = "employment"

urlpatterns = [
    path("persons/<int:pk>/", persons.person_detail, name="person"),
    path("benefits/", benefits.benefit_list, name="benefit-list"),
    path("benefits/<int:pk>/", benefits.benefit_detail, name="benefit-detail"),
    path("payments/<str:reference>/result/", benefits.payment_result, name="payment-result"),
    path("subsidies/criteria/", reports.subsidy_criteria, name="subsidy-criteria"),
    path("prompts/", reports.prompt_list, name="prompt-list"),
    path("fraud/", reports.fraud_list, name="fraud-list"),
    path("reports/funds/", reports.fund_report_view, name="fund-report"),
]
