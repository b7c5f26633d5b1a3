from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngineConfig(AppConfig):
    name = "workflows.engine"
    label = "engine"
    verbose_name = _("审批引擎")

    def ready(self) -> None:
        from django.core.checks import register

        from .checks import declarations_check

        register(declarations_check)
