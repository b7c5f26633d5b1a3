from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "workflows.evaluations"
    label = "evaluations"
    verbose_name = _("评议测评")

    def ready(self) -> None:
        from workflows.engine.owed import owed_register
        from workflows.rules.defaults import rulebook_declare

        from .owed import evaluations_owed_items
        from .rulebook import LABEL, PROCESS_KEY, SETTINGS

        rulebook_declare(process=PROCESS_KEY, label=LABEL, settings=SETTINGS, deadlines={})
        owed_register(evaluations_owed_items)
