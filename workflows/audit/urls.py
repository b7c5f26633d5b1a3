from django.urls import path
from django.views.generic import TemplateView

app_name = "audit"
urlpatterns = [path("", TemplateView.as_view(template_name="base.html"), name="event_list")]
