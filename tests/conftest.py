import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (races, row locks) run in the PostgreSQL pass of .ci/run.

    On SQLite they are deselected, not skipped: the same suite runs again on PostgreSQL.
    """
    if connection.vendor == "postgresql":
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("postgres") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Figures kept by one test's pages must not answer the next test's, on other data."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site language; a request in English must not leak into the next."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def world(db):
    from tests.factories import World

    return World()


@pytest.fixture
def round_a(world):
    from django.utils import timezone

    from workflows.party_recommendation.models import Round, Track

    return Round.objects.create(
        branch=world.branch_a,
        track=Track.ACTIVIST,
        title="2026年第一批推优",
        meeting_date=timezone.localdate(),
        created_by=world.secretary_a,
    )


@pytest.fixture
def submitted(world, round_a):
    from workflows.party_recommendation.services import application_submit

    return application_submit(
        member=world.applicant,
        round=round_a,
        statement="积极参加志愿服务。",
        by=world.applicant_user,
    )


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free local port, and Django's SMTP backend sending to
    it. Yields the list of mails it accepts, each with its envelope recipients and the message
    parsed as a mail client reads it (headers decoded, ``get_content()`` the decoded body); an
    address put in its ``refused`` set is answered 550 at RCPT."""
    import socket
    from dataclasses import dataclass
    from email import message_from_bytes, policy
    from email.message import EmailMessage

    from aiosmtpd.controller import Controller

    @dataclass
    class Mail:
        envelope_to: list[str]
        message: EmailMessage

    class Inbox(list):
        refused: set[str]

    received = Inbox()
    received.refused = set()

    class Collector:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address in received.refused:
                return "550 mailbox unavailable"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            message = message_from_bytes(envelope.original_content, policy=policy.default)
            received.append(Mail(envelope_to=list(envelope.rcpt_tos), message=message))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Collector(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield received
    finally:
        controller.stop()
