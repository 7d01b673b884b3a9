"""URLs of the employer's online service (namespace "employer"); the home page stays portal:employer-home.

Every object in an address is looked up through a selector scoped to the user's employer, so that another
employer's ids are a 404 (tests/employer_online/test_isolation.py walks every pattern here to prove it).
"""

from django.urls import path

from portal.employer.views import cards, cases, colleagues, declarations, employees, offers, services

app_name = "employer"

urlpatterns = [
    path("users/", colleagues.users, name="users"),
    path("users/add/", colleagues.user_add, name="user-add"),
    path("users/<int:user_id>/deactivate/", colleagues.user_deactivate, name="user-deactivate"),
    path("users/<int:user_id>/activate/", colleagues.user_activate, name="user-activate"),
    path("users/<int:user_id>/link/", colleagues.user_link, name="user-link"),
    path("welcome/<uidb64>/<token>/", colleagues.SetPasswordView.as_view(), name="set-password"),
    path("employees/", employees.employees, name="employees"),
    path("employees/new/", employees.new_hire, name="new-hire"),
    path("employees/<int:person_id>/", employees.employee, name="employee"),
    path("employees/<int:person_id>/separation/", employees.separation, name="separation"),
    path("declarations/", declarations.declarations, name="declarations"),
    path("declarations/form/", declarations.declaration_form, name="declaration-form"),
    path("declarations/upload/", declarations.declaration_upload, name="declaration-upload"),
    path("declarations/wage-list.csv", declarations.declaration_template, name="declaration-template"),
    path("declarations/<int:declaration_id>/", declarations.declaration, name="declaration"),
    path("declarations/<int:declaration_id>/confirm/", declarations.declaration_confirm, name="declaration-confirm"),
    path("cards/", cards.cards, name="cards"),
    path("cards/apply/", cards.cards_apply, name="cards-apply"),
    path("services/", services.services, name="services"),
    path("services/<str:code>/", services.service, name="service"),
    path("cases/", cases.cases, name="cases"),
    path("cases/<str:number>/", cases.case, name="case"),
    path("cases/<str:number>/withdraw/", cases.case_withdraw_view, name="case-withdraw"),
    path("cases/<str:number>/rate/", cases.case_rate, name="case-rate"),
    path("notices/", cases.notices, name="notices"),
    path("offers/<int:pk>/confirm/", offers.offer_confirm_view, name="offer-confirm"),
    path("offers/<int:pk>/decline/", offers.offer_decline_view, name="offer-decline"),
]
