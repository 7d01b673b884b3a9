from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("home/", views.home, name="home"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/persons/", views.person_search_view, name="person-search"),
    path("staff/persons/<int:pk>/", views.person_detail, name="person-detail"),
]
