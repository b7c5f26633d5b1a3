"""The audit chain's HMAC keys: configured outside the database (``AUDIT_HMAC_KEYS``), newest
first. A key is named by a fingerprint, stored on what it signed, so rotation keeps old events
verifiable while the old key stays listed."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


class UnknownKey(Exception):
    """An event or checkpoint names a key that is not configured (removed, or never ours)."""


def key_id_of(secret: str) -> str:
    return hashlib.sha256(b"league-approvals-audit-key:" + secret.encode()).hexdigest()[:12]


def _keys() -> dict[str, bytes]:
    return {key_id_of(secret): secret.encode() for secret in settings.AUDIT_HMAC_KEYS}


def signing_key_id() -> str:
    return key_id_of(settings.AUDIT_HMAC_KEYS[0])


def keyed_digest(*, key_id: str, message: bytes) -> str:
    try:
        key = _keys()[key_id]
    except KeyError:
        raise UnknownKey(key_id) from None
    return hmac.new(key, message, hashlib.sha256).hexdigest()
