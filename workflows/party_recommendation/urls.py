from django.urls import path

from . import views

app_name = "party_recommendation"

urlpatterns = [
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
]
