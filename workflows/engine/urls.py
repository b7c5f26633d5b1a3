from django.urls import path
from django.views.generic import TemplateView

app_name = "engine"

# Placeholder routes while the engine views are being written.
_placeholder = TemplateView.as_view(template_name="base.html")
urlpatterns = [
    path("inbox/", _placeholder, name="inbox"),
    path("queue/", _placeholder, name="queue"),
    path("archive/", _placeholder, name="archive"),
    path("my/", _placeholder, name="my_cases"),
    path("cases/", _placeholder, name="case_list"),
    path("notifications/", _placeholder, name="notifications"),
]
