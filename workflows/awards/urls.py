from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="index"),
    path("new/", views.CampaignNewView.as_view(), name="new"),
    path("<int:pk>/", views.CampaignView.as_view(), name="campaign"),
    path("<int:pk>/open/", views.CampaignOpenView.as_view(), name="open"),
    path("categories/<int:pk>/", views.CategoryEditView.as_view(), name="category"),
    path("categories/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("<int:pk>/ballot/", views.BallotView.as_view(), name="ballot"),
    path("<int:pk>/certificates.zip", views.CertificatesZipView.as_view(), name="certificates"),
    path("honours/", views.HonourListView.as_view(), name="honours"),
]
