from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "workflows.awards"
    label = "awards"
    verbose_name = _("五四评优")

    def ready(self) -> None:
        from workflows.engine.figures import quota_use_register
        from workflows.engine.owed import owed_register
        from workflows.engine.registry import process_declare
        from workflows.engine.starts import starts_register

        from .figures import quota_use
        from .owed import ballots_owed
        from .process import PROCESS
        from .starts import award_starts

        process_declare(PROCESS)
        owed_register(ballots_owed)
        starts_register(award_starts)
        quota_use_register(quota_use)
