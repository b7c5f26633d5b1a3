from django.urls import path

from . import member_import_views, member_views, office_views, structure_import_views, views

app_name = "org"

urlpatterns = [
    path("members/", member_views.MembersView.as_view(), name="members"),
    path("members/join/", member_views.MemberJoinView.as_view(), name="member_join"),
    path("members/<int:pk>/", member_views.MemberDetailView.as_view(), name="member_detail"),
    path(
        "members/<int:pk>/transfer/",
        member_views.MemberTransferView.as_view(),
        name="member_transfer",
    ),
    path("members/<int:pk>/leave/", member_views.MemberLeaveView.as_view(), name="member_leave"),
    path(
        "members/<int:pk>/probation/",
        member_views.MemberProbationView.as_view(),
        name="member_probation",
    ),
    path(
        "members/<int:pk>/probation/end/",
        member_views.MemberProbationEndView.as_view(),
        name="member_probation_end",
    ),
    path("members/transfers/", member_views.TransfersView.as_view(), name="transfers"),
    path(
        "members/transfers/<int:pk>/decide/",
        member_views.TransferDecideView.as_view(),
        name="transfer_decide",
    ),
    path(
        "members/transfers/<int:pk>/cancel/",
        member_views.TransferCancelView.as_view(),
        name="transfer_cancel",
    ),
    path("offices/", office_views.OfficesView.as_view(), name="offices"),
    path("offices/<int:pk>/appoint/", office_views.AppointView.as_view(), name="appoint"),
    path("offices/<int:pk>/people/", office_views.OfficePeopleView.as_view(), name="office_people"),
    path(
        "offices/appointments/<int:pk>/end/",
        office_views.AppointmentEndView.as_view(),
        name="appointment_end",
    ),
    path(
        "offices/appointments/<int:pk>/substitute/",
        office_views.SubstituteAddView.as_view(),
        name="substitute_add",
    ),
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
    path(
        "members/structure/",
        structure_import_views.StructureImportView.as_view(),
        name="structure_import",
    ),
    path(
        "members/structure/<str:kind>/template.xlsx",
        structure_import_views.StructureTemplateView.as_view(),
        name="structure_template",
    ),
    path(
        "members/structure/<str:kind>/export.xlsx",
        structure_import_views.StructureExportView.as_view(),
        name="structure_export",
    ),
    path("accounts/", views.AccountsView.as_view(), name="accounts"),
    path("accounts/<int:pk>/unlock/", views.AccountUnlockView.as_view(), name="account_unlock"),
    path(
        "accounts/<int:pk>/reset/",
        views.AccountPasswordResetView.as_view(),
        name="account_password_reset",
    ),
]
