from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "workflows.evaluations"
    label = "evaluations"
    verbose_name = _("评议测评")

    def ready(self) -> None:
        from workflows.rules.defaults import rulebook_declare

        from .rulebook import LABEL, PROCESS_KEY, SETTINGS

        rulebook_declare(process=PROCESS_KEY, label=LABEL, settings=SETTINGS, deadlines={})
