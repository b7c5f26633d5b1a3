import pytest

from .helpers import act, to_party_review


@pytest.fixture
def decided(world, django_capture_on_commit_callbacks):
    """A campaign carried to its 表彰决定: 吉𠮷 (branch A) awarded 优秀共青团员."""
    campaign, nomination, party = to_party_review(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(campaign, "party_review", party, "confirm", "同意")
        act(campaign, "decide", world.committee_secretary, "issue_decision", "")
    nomination.refresh_from_db()
    return campaign, nomination
