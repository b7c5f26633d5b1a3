from django.urls import path

from . import member_import_views, views

app_name = "org"

urlpatterns = [
    path("members/import/", member_import_views.MemberImportView.as_view(), name="member_import"),
    path(
        "members/accounts/",
        member_import_views.MemberAccountsView.as_view(),
        name="member_accounts",
    ),
    path(
        "members/export.xlsx",
        member_import_views.MemberExportView.as_view(),
        name="member_export",
    ),
    path(
        "members/template.xlsx",
        member_import_views.MemberTemplateView.as_view(),
        name="member_template",
    ),
    path("accounts/", views.AccountsView.as_view(), name="accounts"),
    path("accounts/<int:pk>/unlock/", views.AccountUnlockView.as_view(), name="account_unlock"),
    path(
        "accounts/<int:pk>/reset/",
        views.AccountPasswordResetView.as_view(),
        name="account_password_reset",
    ),
]
