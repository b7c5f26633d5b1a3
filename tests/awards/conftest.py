import pytest

from workflows.awards import services

from .helpers import (
    act,
    approved,
    campaign_for,
    category,
    good_record,
    party_secretary,
    timers_fire,
    vote_all,
)


@pytest.fixture
def decided(world, django_capture_on_commit_callbacks):
    """A campaign carried to its 表彰决定: 吉𠮷 (branch A) awarded 优秀共青团员."""
    party = party_secretary(world)
    good_record(world.applicant)
    campaign = campaign_for(world, codes=["excellent_member"])
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
        nomination = services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        )
        approved(nomination, world)
        timers_fire(campaign)
        vote_all(campaign)
        act(campaign, "panel", world.committee_secretary, "publish_shortlist", "评审通过")
        timers_fire(campaign, publicity=True)
        act(campaign, "party_review", party, "confirm", "同意")
        act(campaign, "decide", world.committee_secretary, "issue_decision", "")
    nomination.refresh_from_db()
    return campaign, nomination
