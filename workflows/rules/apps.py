from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "workflows.rules"
    label = "rules"
    verbose_name = _("规则与日历")

    def ready(self) -> None:
        from django.core.checks import register

        from .checks import calendar_coverage_check

        register(calendar_coverage_check)
