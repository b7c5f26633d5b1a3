"""Settings, driven by environment variables (README: Configuration)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Development defaults: anyone can read them here, so outside DEBUG the app refuses to start on
# them (sessions, 身份证号 and the audit chain would be open to forgery).
DEV_KEYS = {
    "SECRET_KEY": "dev-only-insecure-key-change-me",
    "FIELD_ENCRYPTION_SALT": "league-approvals-dev-salt",
    "AUDIT_HMAC_KEYS": "league-approvals-dev-audit-key",
}


def dev_keys_in_use() -> list[str]:
    """Key variables unset or whose active (first) value is the development default; a default
    listed after a new value is an old key kept for rotation, which is allowed."""
    return [name for name, dev in DEV_KEYS.items() if (env_list(name, "") or [dev])[0] == dev]


SECRET_KEY = os.environ.get("SECRET_KEY", DEV_KEYS["SECRET_KEY"])
# Old keys, still accepted for signatures and for reading encrypted fields during a rotation.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")
# 身份证号 are encrypted at rest with keys derived from SECRET_KEY (and its fallbacks) and each
# salt here, newest first. Rotating either keeps the old value listed until
# `manage.py id_numbers_reencrypt` has run (README: Production), or the numbers are lost.
SALT_KEY = env_list("FIELD_ENCRYPTION_SALT", DEV_KEYS["FIELD_ENCRYPTION_SALT"])
# Keys of the audit chain's HMAC, newest first: the first signs new events, the others only
# verify the events they signed (rotation). Kept outside the database on purpose.
AUDIT_HMAC_KEYS = env_list("AUDIT_HMAC_KEYS", DEV_KEYS["AUDIT_HMAC_KEYS"])
# Signed checkpoints of the audit chain are appended to a file here (ship it off the machine
# with the backups) and e-mailed to these addresses and the top 纪检, every so many minutes.
AUDIT_CHECKPOINT_DIR = Path(
    os.environ.get("AUDIT_CHECKPOINT_DIR", BASE_DIR / "var" / "audit-checkpoints")
)
AUDIT_CHECKPOINT_EMAILS = env_list("AUDIT_CHECKPOINT_EMAILS", "")
AUDIT_CHECKPOINT_MINUTES = int(os.environ.get("AUDIT_CHECKPOINT_MINUTES", "60"))
DEBUG = env_bool("DEBUG", False)
if not DEBUG and dev_keys_in_use():
    raise ImproperlyConfigured(
        f"{', '.join(dev_keys_in_use())}: unset or still the development default, and DEBUG is "
        "off. Give each its own random value, e.g. "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' (README: Production; "
        "`make run` writes them to .env), or set DEBUG=true on a development machine."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000"
)
# The address people open: QR codes on PDFs and links in notifications are built from it, so
# the default (this machine) draws a warning at start (project.checks, project.W001).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Served over TLS (README: Production); off for `make run`, plain HTTP on 127.0.0.1.
HTTPS = env_bool("HTTPS", False)
# A reverse proxy in front: its X-Forwarded-Proto tells the scheme and the address it appends to
# X-Forwarded-For is the client's (login lockouts). Only with the proxy in front, which overwrites
# both: without it a client could claim any scheme and address.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Batches of PDFs (certificates) render in this many processes once they reach the minimum.
PDF_WORKERS = int(os.environ.get("PDF_WORKERS", os.cpu_count() or 1))
PDF_BATCH_POOL_MIN = int(os.environ.get("PDF_BATCH_POOL_MIN", "50"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "viewflow",
    "viewflow.workflow",
    "workflows.org",
    "workflows.rules",
    "workflows.audit",
    "workflows.engine",
    "workflows.documents",
    "workflows.evaluations",
    "workflows.party_recommendation",
    "workflows.elections",
    "workflows.awards",
    "workflows.civilization_posts",
    "workflows.api",
    # Demo data on top of everything (``seed_demo``, ``demo_logins``); nothing imports it.
    "workflows.demo",
    # Checks of the deployment's own settings (SITE_URL).
    "project.apps.ProjectConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "project.csp.PathCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "workflows.org.middleware.PasswordChangeRequiredMiddleware",
    "workflows.requests.CurrentRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "workflows.engine.context_processors.navigation",
                "workflows.org.context_processors.accounts",
            ],
        },
    },
]

WSGI_APPLICATION = "project.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (web + timer worker) share the file: wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # PostgreSQL's JIT compiles a large scan's expressions first: a quarter of a second on an
    # analytics query, and nothing a page of this application reads is large enough to repay it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Widgets render through Jinja2 where Django ships a Jinja2 template (see the module).
FORM_RENDERER = "project.form_renderer.FormRenderer"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# How long counted analytics figures are shown before they are counted again.
ANALYTICS_SNAPSHOT_SECONDS = int(os.environ.get("ANALYTICS_SNAPSHOT_SECONDS", "600"))

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    # Only for first passwords a committee hands out (workflows.org.hashers explains why).
    "workflows.org.hashers.IssuedPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes; README: Production). An account is locked at one address after
# LOGIN_FAILURE_LIMIT failures there, so nobody can lock a colleague out from another machine;
# a whole address after LOGIN_ADDRESS_FAILURE_LIMIT failures across accounts (guessing one
# password for many names), set higher because a hospital's staff share few NAT addresses.
# Locks lift after LOGIN_LOCKOUT_MINUTES, or at once when the member's committee unlocks them.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts refused while locked do not extend the lock: the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "workflows.org.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "workflows.audit.origin.client_address"
AXES_LOCKOUT_CALLABLE = "workflows.org.lockout.lockout_response"
AXES_VERBOSE = False

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "团务审批 <noreply@localhost>")

# Attachments: size cap and the content types accepted (detected from bytes, not names).
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# Spreadsheet imports (rosters, member lists): refused above this size before parsing, and past
# this many rows while reading, so one upload cannot hold a worker.
SPREADSHEET_MAX_BYTES = int(os.environ.get("SPREADSHEET_MAX_BYTES", str(5 * 1024 * 1024)))
SPREADSHEET_MAX_ROWS = int(os.environ.get("SPREADSHEET_MAX_ROWS", "20000"))
ATTACHMENT_ALLOWED_TYPES = env_list(
    "ATTACHMENT_ALLOWED_TYPES",
    "application/pdf,image/png,image/jpeg,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)

# Days past its due date after which an open task is escalated to the unit above (督办).
TASK_ESCALATE_AFTER_DAYS = int(os.environ.get("TASK_ESCALATE_AFTER_DAYS", "3"))

# Seconds between sweeps of the embedded timer worker (viewflow timers, reminders).
TIMER_WORKER_INTERVAL = int(os.environ.get("TIMER_WORKER_INTERVAL", "30"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes an anonymous call a 401, as DRF
        # intends, while a signed-in caller without the right gets 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "workflows.engine.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "workflows.api.exceptions.handle_exception",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "团务审批 League Approvals API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (no CDN), so the docs page keeps the CSP below.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Content-Security-Policy (django-csp): nothing but this site's own files — no inline script,
# no inline style, no other origin. project/csp.py names the paths that need more, and why.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", os.environ.get("REDIS_URL", ""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_BEAT_SCHEDULE = {
    "fire-workflow-timers": {"task": "workflows.engine.tasks.timers_fire", "schedule": 30.0},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
