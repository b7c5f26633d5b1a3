from django.urls import path

from . import views

app_name = "elections"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("new/", views.ElectionNewView.as_view(), name="new"),
    path("terms/<int:branch_pk>/start/", views.TermStartView.as_view(), name="term_start"),
    path("terms/<int:pk>/remind/", views.TermRemindView.as_view(), name="term_remind"),
    path("terms/<int:pk>/change/", views.TermChangeView.as_view(), name="term_change"),
]
