"""Production settings: DEBUG off unless asked, no start on development keys, HTTPS and the
Content-Security-Policy, and Django's deploy checks clean with the documented environment
(scripts/production-env.sh). Settings are read once per process, so each case starts one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("SECRET_KEY", "FIELD_ENCRYPTION_SALT", "AUDIT_HMAC_KEYS")


def production_env() -> dict[str, str]:
    printed = subprocess.run(
        ["bash", "scripts/production-env.sh", "approvals.example.org"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(line.split("=", 1) for line in printed.splitlines() if "=" in line)


def django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """``manage.py ARGS`` with only ``env`` (and PATH) for settings."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "project.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting(env: dict[str, str], expression: str) -> str:
    done = django(
        env, "shell", "--no-imports", "-c", f"from django.conf import settings; print({expression})"
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_deploy_checks_are_clean_with_the_documented_environment():
    done = django(production_env(), "check", "--deploy")

    assert done.returncode == 0, done.stderr
    reported = [line for line in done.stderr.splitlines() if ": (" in line]
    # Only the working-day calendar may speak: whether chinesecalendar covers next year
    # depends on the date, not on the deployment.
    assert [line for line in reported if ": (rules." not in line] == []


def test_debug_is_off_unless_the_environment_turns_it_on():
    env = {name: f"real-{name}" for name in KEYS}

    assert setting(env, "settings.DEBUG") == "False"
    assert setting({"DEBUG": "true"}, "settings.DEBUG") == "True"


@pytest.mark.parametrize(
    "env, named",
    [
        ({}, "SECRET_KEY, FIELD_ENCRYPTION_SALT, AUDIT_HMAC_KEYS:"),
        ({"SECRET_KEY": "k", "FIELD_ENCRYPTION_SALT": "s"}, "AUDIT_HMAC_KEYS:"),
        (
            {
                "SECRET_KEY": "dev-only-insecure-key-change-me",
                "FIELD_ENCRYPTION_SALT": "s",
                "AUDIT_HMAC_KEYS": "a",
            },
            "SECRET_KEY:",
        ),
    ],
)
def test_start_is_refused_on_missing_or_development_keys(env, named):
    done = django(env, "check")

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert f"{named} unset or still the development default" in done.stderr
    assert "secrets.token_urlsafe" in done.stderr


def test_a_development_key_kept_after_a_new_one_is_rotation_not_refused():
    env = {
        "SECRET_KEY": "k",
        "FIELD_ENCRYPTION_SALT": "new-salt,league-approvals-dev-salt",
        "AUDIT_HMAC_KEYS": "new-key,league-approvals-dev-audit-key",
    }

    assert setting(env, "settings.SALT_KEY") == "['new-salt', 'league-approvals-dev-salt']"


def test_https_behind_a_proxy_secures_cookies_and_sends_hsts():
    values = setting(
        production_env(),
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SESSION_COOKIE_HTTPONLY, settings.SECURE_SSL_REDIRECT, "
        "settings.SECURE_HSTS_SECONDS, settings.SECURE_PROXY_SSL_HEADER",
    )

    assert values == "True True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_the_local_env_file_is_written_once_with_fresh_keys(tmp_path):
    env_file = tmp_path / ".env"

    def keys_seen(**env) -> dict[str, str]:
        printed = subprocess.run(
            ["bash", "scripts/with-env.sh", "env"],
            cwd=ROOT,
            env={"PATH": os.environ["PATH"], "ENV_FILE": str(env_file), **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return {k: v for k, v in (line.split("=", 1) for line in printed.splitlines()) if k in KEYS}

    first = keys_seen()
    assert set(first) == set(KEYS) and len(set(first.values())) == 3
    assert all(len(value) >= 50 for value in first.values())
    assert env_file.stat().st_mode & 0o777 == 0o600
    assert "DEBUG" not in env_file.read_text()  # off, as in production
    assert keys_seen() == first
    assert keys_seen(SECRET_KEY="from-the-environment")["SECRET_KEY"] == "from-the-environment"


def directives(policy: str) -> dict[str, str]:
    """A Content-Security-Policy header as {directive: sources}, in whatever order it came."""
    pairs = (part.strip().partition(" ") for part in policy.split(";") if part.strip())
    return {name: sources.strip() for name, _, sources in pairs}


@pytest.mark.django_db
def test_pages_carry_the_content_security_policy_and_no_inline_script(client, world):
    client.force_login(world.secretary_a)
    response = client.get(reverse("engine:inbox"))

    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    page = response.content.decode()
    assert "<script>" not in page and "onchange=" not in page and "style=" not in page


@pytest.mark.django_db
def test_the_api_docs_load_swagger_from_this_site(client, world):
    client.force_login(world.secretary_a)
    page = client.get(reverse("api-docs")).content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "<style>" not in page
    assert "<script>" not in page  # the start-up script is a file of its own (?script)


@pytest.mark.django_db
def test_only_the_viewflow_frontend_may_use_inline_styles(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    workflow = directives(client.get("/workflow/", follow=True)["Content-Security-Policy"])
    admin = client.get("/admin/")["Content-Security-Policy"]

    assert workflow["style-src"] == "'self' 'unsafe-inline'"
    assert "'unsafe-inline'" not in workflow["script-src"]
    assert "'unsafe-inline'" not in admin
