"""Fast settings for the test suite: same apps, cheaper hashing, in-memory cache and mail."""

import os
import tempfile

# The suite's own keys, so a clean clone runs it with no .env and DEBUG off.
for _name in ("SECRET_KEY", "FIELD_ENCRYPTION_SALT", "AUDIT_HMAC_KEYS"):
    os.environ.setdefault(_name, f"test-only-{_name.lower()}")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "workflows.org.hashers.IssuedPasswordHasher",
]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="league-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Static files are served by Django's finders in tests; WhiteNoise wants a collected STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Login lockouts are off for the suite, whose client logs in without a request (django-axes
# needs one); tests of the lockout turn it on (tests/org/conftest.py).
AXES_ENABLED = False
