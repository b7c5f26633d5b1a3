import pytest

from workflows.civilization_posts.models import ReviewGroup

from .helpers import collective_with


class PostWorld:
    """The factories' world with a review group of five collectives: two in branch A
    (急诊科, 心内科), three in branch B; each 号长 has an account."""

    def __init__(self, world):
        self.base = world
        self.group = ReviewGroup.objects.create(
            committee=world.committee, division="医院大组", name="第一小组"
        )
        self.er = collective_with(world.branch_a, "急诊科", leader="jz_hz", group=self.group)
        self.cardio = collective_with(world.branch_a, "心内科", leader="xn_hz", group=self.group)
        self.others = [
            collective_with(world.branch_b, f"外科{n}病区", leader=f"wk{n}_hz", group=self.group)
            for n in (1, 2, 3)
        ]

    def __getattr__(self, name):
        return getattr(self.base, name)

    def leader_of(self, collective):
        return collective.leader.user


@pytest.fixture
def post_world(world):
    return PostWorld(world)
