from workflows.awards import services
from workflows.awards.models import Honour

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


def test_nomination_to_decision(world, django_capture_on_commit_callbacks):
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
    assert campaign.status == "panel"
    vote_all(campaign)
    with django_capture_on_commit_callbacks(execute=True):
        act(campaign, "panel", world.committee_secretary, "publish_shortlist", "评审通过")
    nomination.refresh_from_db()
    assert nomination.status == "in_publicity"
    timers_fire(campaign, publicity=True)
    assert campaign.status == "party_review"
    act(campaign, "party_review", party, "confirm", "同意")
    with django_capture_on_commit_callbacks(execute=True):
        act(campaign, "decide", world.committee_secretary, "issue_decision", "")
    nomination.refresh_from_db()
    assert nomination.status == "awarded"
    assert Honour.objects.get(member=world.applicant).title == "优秀共青团员"
