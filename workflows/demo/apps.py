from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data and its commands (``seed_demo``, ``demo_logins``): no models, nothing else
    imports it, so a deployment can leave it out."""

    name = "workflows.demo"
    label = "demo"
    verbose_name = _("演示数据")
