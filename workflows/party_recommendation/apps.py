from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyRecommendationConfig(AppConfig):
    name = "workflows.party_recommendation"
    label = "party_recommendation"
    verbose_name = _("推优入党")

    def ready(self) -> None:
        from workflows.engine.registry import process_declare
        from workflows.engine.starts import starts_register

        from .process import PROCESS
        from .starts import recommendation_starts

        process_declare(PROCESS)
        starts_register(recommendation_starts)
