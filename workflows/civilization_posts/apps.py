from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilizationPostsConfig(AppConfig):
    name = "workflows.civilization_posts"
    label = "civilization_posts"
    verbose_name = _("青年文明号")

    def ready(self) -> None:
        from workflows.engine.owed import owed_register
        from workflows.engine.registry import process_declare
        from workflows.engine.starts import starts_register

        from .owed import score_sheets_owed
        from .process import PROCESS
        from .starts import post_starts

        process_declare(PROCESS)
        owed_register(score_sheets_owed)
        starts_register(post_starts)
