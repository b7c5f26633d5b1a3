import pytest

from tests.factories import UserFactory


@pytest.fixture
def small(db):
    """The shared World with ten members in branch A (吉𠮷, the applicant, among them), each
    with a login, and one in branch B."""
    from tests.factories import World

    world = World(members_per_branch=10)
    for index, member in enumerate(world.members_a):
        if member.user_id is None:
            member.user = UserFactory(username=f"a_member{index}", first_name=member.name)
            member.save()
    return world
