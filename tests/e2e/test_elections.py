"""In a real browser, on a phone-sized screen: a branch reports its 换届请示, the committee
approves it, the secretary records the count, the committee approves the result, and the newly
elected secretary is the one who receives the branch's next task."""

import pytest
from django.utils import timezone

from tests.elections.helpers import candidates_for
from workflows.elections.models import Election, Status
from workflows.party_recommendation.services import application_submit

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


def log_out(page):
    page.click("form[action$='/logout/'] button")


def open_task(page, live_server, reference: str, step: str) -> None:
    page.goto(f"{live_server.url}/inbox/")
    page.click(f"tr:has-text('{reference}'):has-text('{step}') a")


def decide(page, action: str, opinion: str = "") -> None:
    if opinion:
        page.fill("#id_opinion", opinion)
    page.click(f"[data-testid=act-{action}]")
    page.wait_for_selector(".message")


def committee_approves(page, live_server, reference: str, opinion: str) -> None:
    log_in(page, live_server, "tw_zuzhi1")
    page.goto(f"{live_server.url}/queue/")
    page.click(f"tr:has-text('{reference}') a")
    page.click("[data-testid=claim]")
    decide(page, "approve", opinion)
    log_out(page)


def test_branch_election_from_request_to_new_secretary(page, live_server, e2e_world):
    world = e2e_world
    people = candidates_for(world.branch_a, 6)
    counters = world.members_a[:2]

    log_in(page, live_server, "a_shuji")
    go_to(page, "elections")
    page.click("[data-testid=new-election]")
    page.fill("#id_meeting_date", timezone.localdate().isoformat())
    page.fill("#id_place", "门诊楼三楼会议室")
    page.fill("#id_agenda", "听取上届委员会工作报告\n选举新一届支部委员会")
    page.fill("#id_seats", "5")
    page.fill("#id_candidates_text", "\n".join(f"{m.name}：2015年入团，护师。" for m in people))
    page.fill("#id_scrutineers_text", counters[0].name)
    page.fill("#id_tellers_text", counters[1].name)
    page.click("[data-testid=submit-plan]")
    page.wait_for_selector("[data-testid=case-status]")
    assert page.inner_text("[data-testid=case-status]") == "待团委批复请示"
    reference = Election.objects.get().reference
    log_out(page)

    committee_approves(page, live_server, reference, "同意按计划召开团员大会。")

    log_in(page, live_server, "a_shuji")
    open_task(page, live_server, reference, "团员大会选举")
    page.check("[data-testid=all-present]")
    present = world.branch_a.members.count()
    page.fill("#id_issued", str(present))
    page.fill("#id_returned", str(present))
    page.fill("#id_void", "0")
    for votes, member in zip([52, 50, 48, 45, 40, 12], people, strict=True):
        page.get_by_label(member.name, exact=True).fill(str(votes))
    decide(page, "record_round")
    assert Election.objects.get().status == Status.ELECTED

    open_task(page, live_server, reference, "委员会第一次会议")
    page.select_option(f"#id_role_{people[1].pk}", "deputy_secretary")
    page.fill(f"#id_duty_{people[2].pk}", "宣传委员")
    decide(page, "assign_officers")
    open_task(page, live_server, reference, "报送选举结果")
    decide(page, "submit_report")
    log_out(page)

    committee_approves(page, live_server, reference, "同意选举结果。")
    election = Election.objects.get()
    assert election.status == Status.CONFIRMED

    application_submit(
        member=world.applicant, round=world.round, statement="申请", by=world.applicant_user
    )
    log_in(page, live_server, people[0].user.username)
    assert page.inner_text("[data-testid=inbox-count]") == "1"
    assert "团支部审核" in page.inner_text("main")
    page.goto(f"{live_server.url}{election.get_absolute_url()}")
    assert page.inner_text("[data-testid=case-status]") == "新一届委员会已任职"
    assert "候选1 书记" in page.inner_text("main")
