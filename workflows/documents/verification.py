"""Short codes, verification URLs and their QR codes printed on every document."""

from __future__ import annotations

import hashlib
import secrets
from typing import IO

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from workflows.audit.checkpoints import checkpoint_latest

# No 0/O, 1/I/L: codes are read off paper and typed in by hand.
SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SHORT_CODE_LENGTH = 10


def short_code_new() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def verification_url(short_code: str) -> str:
    path = reverse("documents:verify", kwargs={"short_code": short_code})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def qr_svg_data_uri(url: str) -> str:
    return segno.make_qr(url, error="m").svg_data_uri(border=0)


def verification_context(short_code: str) -> dict:
    url = verification_url(short_code)
    return {"url": url, "short_code": short_code, "qr_svg": qr_svg_data_uri(url)}


def checkpoint_printed() -> dict | None:
    """The audit checkpoint a document carries: paper copies are witnesses the database
    cannot reach (``audit_verify --expect ID:ROOT``)."""
    checkpoint = checkpoint_latest()
    if checkpoint is None:
        return None
    return {
        "id": checkpoint.pk,
        "root": checkpoint.root[:16],
        "on": timezone.localtime(checkpoint.created_at).strftime("%Y-%m-%d"),
    }


def sha256_of(stream: IO[bytes] | bytes) -> str:
    if isinstance(stream, bytes):
        return hashlib.sha256(stream).hexdigest()
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(64 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()
