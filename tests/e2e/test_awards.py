"""In a real browser, on a phone-sized screen: a member nominates herself for 优秀共青团员, the
branch and the committee approve, a judge votes on the ballot page, the committee publishes the
shortlist, the party committee confirms, and the 表彰决定 is issued and downloadable."""

import pytest

from tests.awards.helpers import (
    campaign_for,
    good_record,
    party_secretary,
    timers_fire,
)
from workflows.awards import panel, services
from workflows.awards.models import CampaignStatus, Nomination, NominationStatus

from .conftest import go_to, log_in
from .test_elections import decide, log_out, open_task

pytestmark = pytest.mark.e2e


def test_nomination_to_published_decision(page, live_server, e2e_world):
    world = e2e_world
    party_secretary(world)
    good_record(world.applicant)
    campaign = campaign_for(world, codes=["excellent_member", "red_flag_branch"])
    services.campaign_open(campaign=campaign, by=world.committee_secretary)

    log_in(page, live_server, "applicant")
    go_to(page, "awards")
    page.click(f"text={campaign.title}")
    page.click("[data-testid=nominate-excellent_member]")
    page.select_option("#id_member", str(world.applicant.pk))
    page.fill("#id_deeds", "新冠疫情期间驰援方舱医院，累计志愿服务 240 小时。")
    page.click("[data-testid=submit-nomination]")
    page.wait_for_selector("[data-testid=case-status]")
    assert page.inner_text("[data-testid=case-status]") == "待团支部审核"
    reference = Nomination.objects.get().reference
    log_out(page)

    log_in(page, live_server, "a_shuji")
    open_task(page, live_server, reference, "团支部审核")
    decide(page, "approve", "同意推荐。")
    log_out(page)

    log_in(page, live_server, "tw_zuzhi1")
    page.goto(f"{live_server.url}/queue/")
    page.click(f"tr:has-text('{reference}') a")
    page.click("[data-testid=claim]")
    decide(page, "approve", "符合条件。")
    log_out(page)

    timers_fire(campaign)
    assert campaign.status == CampaignStatus.PANEL
    nomination = Nomination.objects.get()
    log_in(page, live_server, "tw_zuzhi2")
    page.goto(f"{live_server.url}/pingyou/{campaign.pk}/")
    page.click("[data-testid=ballot-link]")
    page.check(f"[data-testid=vote-yes-{nomination.pk}]")
    page.click("[data-testid=submit-ballot]")
    page.wait_for_selector(".message")
    log_out(page)
    for judge in (world.committee_secretary, world.reviewer_1):
        mine = panel.ballot_sheet(campaign=campaign, user=judge)[0]
        panel.ballot_cast(
            campaign=campaign, by=judge, entries={n.pk: {"approve": True} for n in mine}
        )

    log_in(page, live_server, "tw_shuji")
    open_task(page, live_server, campaign.reference, "评审汇总")
    assert "入围" in page.inner_text("[data-testid=results-excellent_member]")
    decide(page, "publish_shortlist", "评审委员会评审通过。")
    log_out(page)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_PUBLICITY

    timers_fire(campaign, publicity=True)
    log_in(page, live_server, "dw_shuji")
    open_task(page, live_server, campaign.reference, "党委审定")
    decide(page, "confirm", "同意表彰。")
    log_out(page)

    log_in(page, live_server, "tw_shuji")
    open_task(page, live_server, campaign.reference, "印发表彰决定")
    decide(page, "issue_decision")
    page.goto(f"{live_server.url}/pingyou/{campaign.pk}/")
    link = page.locator("[data-testid=doc-award_decision]")
    assert "表彰" in link.inner_text()
    with page.expect_download() as download:
        page.click("[data-testid=certificates-zip]")
    assert download.value.suggested_filename.endswith(".zip")
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok and response.body().startswith(b"%PDF")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.AWARDED
