from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The deployment itself: checks on settings that no single app owns."""

    name = "project"
    verbose_name = "团务审批"

    def ready(self) -> None:
        from django.core.checks import register

        from .checks import site_url_check

        register(site_url_check, "site")
