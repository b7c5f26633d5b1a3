from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyRecommendationConfig(AppConfig):
    name = "workflows.party_recommendation"
    label = "party_recommendation"
    verbose_name = _("推优入党")

    def ready(self) -> None:
        from workflows.engine.figures import quota_use_register
        from workflows.engine.registry import process_declare
        from workflows.engine.starts import starts_register

        from .figures import quota_use
        from .process import PROCESS
        from .starts import recommendation_starts

        process_declare(PROCESS)
        quota_use_register(quota_use)
        starts_register(recommendation_starts)
