from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "workflows.api"
    label = "api"
    verbose_name = "API"
