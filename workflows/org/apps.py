from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "workflows.org"
    label = "org"
    verbose_name = _("组织与人员")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .membership_rules import membership_rules_declare
        from .signals import password_change_note

        membership_rules_declare()

        user_logged_in.connect(password_change_note, dispatch_uid="org.password_change_note")
