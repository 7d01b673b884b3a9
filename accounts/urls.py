from django.urls import path

from accounts import views, views_twofactor

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("two-factor/", views_twofactor.verify, name="two-factor-verify"),
    path("two-factor/set-up/", views_twofactor.enrol, name="two-factor-enrol"),
    path("two-factor/recovery-codes/", views_twofactor.recovery_codes, name="two-factor-recovery-codes"),
    path("staff/two-factor/", views_twofactor.staff_list, name="two-factor-staff"),
    path("staff/two-factor/<int:pk>/reset/", views_twofactor.reset, name="two-factor-reset"),
    path("home/", views.home, name="home"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/persons/", views.person_search_view, name="person-search"),
    path("staff/persons/<int:pk>/", views.person_detail, name="person-detail"),
]
