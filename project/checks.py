"""Start-up checks of the deployment's own settings, shown by ``manage.py check``, runserver and
(through ``checks_log``) the WSGI server."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, run_checks
from django.core.checks import Warning as CheckWarning

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}

logger = logging.getLogger(__name__)


def site_url_is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in LOOPBACK_HOSTS or host.endswith(".localhost") or host.startswith("127.")


def site_url_check(app_configs=None, **kwargs) -> list[CheckMessage]:
    """PDF QR codes and notification links are built from SITE_URL: left at this machine's own
    address, a phone scanning a printed form opens nothing."""
    if not site_url_is_loopback(settings.SITE_URL):
        return []
    return [
        CheckWarning(
            f"SITE_URL 仍是 {settings.SITE_URL}：PDF 上的二维码和通知中的链接指向本机，"
            "其他电脑和手机无法打开。",
            hint="在环境变量 SITE_URL 中写明用户访问本系统的地址，如内网的 "
            "http://10.1.2.3:8000 或 https://approvals.example.org（README: Configuration）。",
            obj="SITE_URL",
            id="project.W001",
        )
    ]


def checks_log() -> None:
    """Log the deployment checks' warnings where a server that runs no checks itself (gunicorn)
    starts."""
    for message in run_checks(tags=["site"]):
        logger.warning("%s", message)
