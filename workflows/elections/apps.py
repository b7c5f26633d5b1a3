from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "workflows.elections"
    label = "elections"
    verbose_name = _("团支部换届选举")

    def ready(self) -> None:
        from workflows.engine.registry import process_declare

        from .process import PROCESS

        process_declare(PROCESS)
