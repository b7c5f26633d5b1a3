"""Django template → HTML → PDF. The only module in the project that imports WeasyPrint."""

from __future__ import annotations

import threading

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# Templates embed their CSS and images (QR codes as data URIs); nothing is fetched from the
# network, so a value that slipped into a URL cannot make the server issue requests.
_ALLOWED_PROTOCOLS = ("data", "file")

_local = threading.local()


def _font_config() -> FontConfiguration:
    # A fresh configuration reloads fontconfig and reopens the 20 MB CJK collections on every
    # render (~12 ms). Pango font maps are not thread-safe, so each thread keeps its own.
    # PDF templates must therefore declare no @font-face: it would pile up in the shared map.
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


def pdf_render(*, template: str, context: dict, base_url: str | None = None) -> bytes:
    html = render_to_string(template, context)
    document = HTML(
        string=html,
        base_url=base_url or f"{settings.BASE_DIR / 'templates' / 'pdf'}/",
        url_fetcher=URLFetcher(allowed_protocols=_ALLOWED_PROTOCOLS, fail_on_errors=True),
    )
    # Default options keep font subsetting on: embedding whole CJK fonts would add ~15 MB per
    # file and over a second per render.
    return document.write_pdf(font_config=_font_config())


def render_worker_start() -> None:
    """Set up Django in a spawned render process (this module imports no models, so the child
    can load it before the app registry is ready)."""
    import django

    django.setup()
