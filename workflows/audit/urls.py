from django.urls import path

from . import analytics_views, dossier_views, search_views, views

app_name = "audit"
urlpatterns = [
    path("", views.EventListView.as_view(), name="event_list"),
    path("export.csv", views.EventExportView.as_view(), name="event_export"),
    path("export.xlsx", search_views.EventXlsxExportView.as_view(), name="event_export_xlsx"),
    path("cases/", search_views.CaseSearchView.as_view(), name="case_search"),
    path("cases/export.xlsx", search_views.CaseExportView.as_view(), name="case_export"),
    path("filters/", search_views.SavedFilterSaveView.as_view(), name="saved_filter_save"),
    path(
        "filters/<int:pk>/delete/",
        search_views.SavedFilterDeleteView.as_view(),
        name="saved_filter_delete",
    ),
    path("analytics/", analytics_views.AnalyticsView.as_view(), name="analytics"),
    path(
        "analytics/<slug:key>.<str:kind>",
        analytics_views.AnalyticsExportView.as_view(),
        name="analytics_export",
    ),
    path(
        "case/<int:ct>/<int:pk>/",
        dossier_views.CaseTimelineVerifiedView.as_view(),
        name="case_timeline",
    ),
    path("dossiers.zip", dossier_views.DossierZipStartView.as_view(), name="dossier_zip"),
    path(
        "case/<int:ct>/<int:pk>/dossier/",
        dossier_views.DossierIssueView.as_view(),
        name="dossier_issue",
    ),
    path(
        "case/<int:ct>/<int:pk>/dossier.pdf",
        dossier_views.DossierDownloadView.as_view(),
        name="dossier_download",
    ),
]
