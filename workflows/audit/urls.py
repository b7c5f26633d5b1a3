from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.EventListView.as_view(), name="event_list"),
    path("export.csv", views.EventExportView.as_view(), name="event_export"),
    path("case/<int:ct>/<int:pk>/", views.CaseTimelineView.as_view(), name="case_timeline"),
]
