from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "workflows.awards"
    label = "awards"
    verbose_name = _("五四评优")

    def ready(self) -> None:
        from workflows.engine.registry import process_declare

        from .process import PROCESS

        process_declare(PROCESS)
