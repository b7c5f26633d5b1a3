from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "workflows.elections"
    label = "elections"
    verbose_name = _("团支部换届选举")

    def ready(self) -> None:
        from workflows.engine.figures import term_renewals_register
        from workflows.engine.owed import owed_register
        from workflows.engine.registry import process_declare
        from workflows.engine.starts import starts_register

        from .figures import term_renewals
        from .owed import requests_owed
        from .process import PROCESS
        from .starts import election_starts

        process_declare(PROCESS)
        term_renewals_register(term_renewals)
        owed_register(requests_owed)
        starts_register(election_starts)
