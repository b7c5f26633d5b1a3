from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilizationPostsConfig(AppConfig):
    name = "workflows.civilization_posts"
    label = "civilization_posts"
    verbose_name = _("青年文明号")

    def ready(self) -> None:
        from workflows.engine.registry import process_declare

        from .process import PROCESS

        process_declare(PROCESS)
