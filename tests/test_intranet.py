"""Intranet-ready: the API docs load nothing from another host, and a SITE_URL still pointing at
this machine (which every QR code on a PDF would carry) is warned about at start."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from project.checks import checks_log, site_url_check
from workflows.documents.verification import verification_url

ROOT = Path(__file__).resolve().parent.parent
# Every address a page or script could fetch: attributes, CSS url(), and absolute URLs in script.
ADDRESS = re.compile(
    r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(([^)]+)\)|["'](https?:)?//[^"']+"""
)


def external_addresses(text: str) -> list[str]:
    found = []
    for match in ADDRESS.finditer(text):
        address = (match.group(1) or match.group(2) or match.group(0)).strip("\"' ")
        if re.match(r"^(https?:)?//", address) and not address.startswith("//testserver"):
            found.append(address)
    return found


@pytest.mark.django_db
def test_the_api_docs_page_and_its_script_reference_no_other_host(client, world):
    client.force_login(world.secretary_a)

    page = client.get(reverse("api-docs"))
    script = client.get(reverse("api-docs") + "?script")

    assert page.status_code == script.status_code == 200
    html = page.content.decode()
    assert external_addresses(html) == []
    assert external_addresses(script.content.decode()) == []
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css" in html
    # The CSP the page is served under allows this site's own files only, and they suffice.
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "cdn" not in policy
    assert "<script>" not in html and "<style>" not in html


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000", "http://localhost:8000/", "http://0.0.0.0:8000", "http://[::1]:8000"],
)
def test_a_site_url_on_this_machine_is_warned_about_by_name(url):
    with override_settings(SITE_URL=url):
        messages = site_url_check()

    assert [m.id for m in messages] == ["project.W001"]
    assert messages[0].obj == "SITE_URL"
    assert url in messages[0].msg
    assert "二维码" in messages[0].msg


@pytest.mark.parametrize(
    "url", ["https://approvals.example.org", "http://10.1.2.3:8000", "http://团务.医院.中国"]
)
def test_a_real_address_draws_no_warning(url):
    with override_settings(SITE_URL=url):
        assert site_url_check() == []


@override_settings(SITE_URL="http://10.1.2.3:8000/")
def test_qr_codes_on_documents_carry_the_configured_address():
    path = reverse("documents:verify", kwargs={"short_code": "ABCDEFGH23"})

    assert verification_url("ABCDEFGH23") == f"http://10.1.2.3:8000{path}"


def _check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "project.settings",
            "DEBUG": "true",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_py_check_names_the_variable_until_it_is_set():
    unset = _check({})
    configured = _check({"SITE_URL": "https://approvals.example.org"})

    assert unset.returncode == configured.returncode == 0, unset.stderr + configured.stderr
    assert "SITE_URL: (project.W001)" in unset.stderr
    assert "project.W001" not in configured.stderr


def test_a_server_that_runs_no_checks_logs_the_warning_at_start(caplog):
    with override_settings(SITE_URL="http://localhost:8000"), caplog.at_level("WARNING"):
        checks_log()

    assert "project.W001" in caplog.text and "SITE_URL" in caplog.text
