import pytest

from tests.elections.helpers import candidates_for


@pytest.fixture
def people(world):
    """Six members of branch A with accounts, to stand for five seats."""
    return candidates_for(world.branch_a, 6)
