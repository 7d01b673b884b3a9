"""Staff pages of employment services (namespace "employment")."""

from django.urls import path

from employment.views import batches, benefits, persons, reports

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
    path("batches/", batches.batch_list, name="batch-list"),
    path("batches/prepare/", batches.batch_prepare_view, name="batch-prepare"),
    path("batches/<str:number>/", batches.batch_detail, name="batch-detail"),
    path("batches/<str:number>/release/", batches.batch_release_view, name="batch-release"),
    path("batches/<str:number>/withdraw/", batches.batch_withdraw_view, name="batch-withdraw"),
    path("batches/<str:number>/file/", batches.batch_export, name="batch-export"),
    path("batches/<str:number>/return/", batches.batch_return, name="batch-return"),
    path("accounts/corrections/", batches.correction_list, name="correction-list"),
    path("accounts/", batches.payee_account, name="payee-account"),
]
