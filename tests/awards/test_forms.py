"""A returned nomination opens with the nominator's 主要事迹 on its revise page."""

import pytest

from tests.cases import open_task
from tests.pages import revise_page_resubmit
from workflows.awards import services

from .helpers import act, campaign_for, category, good_record

pytestmark = pytest.mark.django_db


def test_a_returned_nomination_opens_with_its_deeds_and_goes_back_unchanged(
    client, world, django_capture_on_commit_callbacks
):
    good_record(world.applicant)
    campaign = campaign_for(world, codes=["excellent_member"])
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    deeds = "抗疫一线志愿服务𠮷。\n连续三年参加无偿献血。"
    nomination = services.nomination_submit(
        category=category(campaign, "excellent_member"),
        by=world.applicant_user,
        member=world.applicant,
        deeds=deeds,
    )
    act(nomination, "branch_review", world.secretary_a, "return", "请补充事迹")
    client.force_login(world.applicant_user)
    shown, response = revise_page_resubmit(client, open_task(nomination, "revise"))
    assert shown["deeds"] == [deeds]
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.deeds) == ("submitted", deeds)
    assert open_task(nomination).flow_task.name == "branch_review"
