import pytest

from tests.factories import AppointmentFactory, OrganizationFactory, UserFactory
from workflows.org.models import Member, OrgKind, Role


@pytest.fixture
def lockouts(settings):
    """Login lockouts on (the suite runs with them off): 5 failures, 30 minutes."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 50
    return settings


@pytest.fixture
def other_committee(world):
    """A second 团委 with its own branch and secretary, beside the world's committee."""
    committee = OrganizationFactory(
        name="外院团委", kind=OrgKind.LEAGUE_COMMITTEE, parent=world.party_committee
    )
    OrganizationFactory(name="外院团支部", parent=committee)
    secretary = UserFactory(username="wy_shuji", first_name="外院书记")
    AppointmentFactory(user=secretary, org=committee, role=Role.SECRETARY)
    committee.secretary = secretary
    return committee


def log_in(client, username: str, password: str = "pass", address: str = "192.0.2.10", **extra):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


@pytest.fixture
def encryption_keys(settings):
    """Switches the keys 身份证号 are encrypted with (the field caches what it derived)."""
    field = Member._meta.get_field("id_number")

    def forget():
        for derived in ("keys", "f"):
            field.__dict__.pop(derived, None)

    def use(*, secret, salts, fallbacks=()):
        settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = secret, list(fallbacks)
        settings.SALT_KEY = list(salts)
        forget()

    yield use
    forget()
