from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyRecommendationConfig(AppConfig):
    name = "workflows.party_recommendation"
    label = "party_recommendation"
    verbose_name = _("推优入党")

    def ready(self) -> None:
        from workflows.engine.registry import process_declare

        from .process import PROCESS

        process_declare(PROCESS)
