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
