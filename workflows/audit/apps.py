from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "workflows.audit"
    label = "audit"
    verbose_name = _("审计")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_login_failed

        from .signals import lockout_record, login_failure_record

        user_login_failed.connect(login_failure_record, dispatch_uid="audit.login_failure_record")
        user_locked_out.connect(lockout_record, dispatch_uid="audit.lockout_record")
        # The dossier names its document kind and the ZIP job's part when imported: at start,
        # not only once the audit pages are first imported.
        from . import dossier  # noqa: F401
