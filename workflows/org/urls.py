from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("accounts/", views.AccountsView.as_view(), name="accounts"),
    path("accounts/<int:pk>/unlock/", views.AccountUnlockView.as_view(), name="account_unlock"),
    path(
        "accounts/<int:pk>/reset/",
        views.AccountPasswordResetView.as_view(),
        name="account_password_reset",
    ),
]
