from django.urls import path

from . import job_views, views

app_name = "documents"
urlpatterns = [
    path("v/<str:short_code>/", views.verify, name="verify"),
    path("documents/<int:pk>/download/", views.download, name="download"),
    path("documents/jobs/<int:pk>/", job_views.job_detail, name="job"),
    path("documents/jobs/<int:pk>/download/", job_views.job_download, name="job_download"),
]
