"""The applicant is told at every step of their own case, in the app and by e-mail through a real
SMTP server; e-mail goes one message per recipient and never undoes a decision."""

import datetime
import logging
import socket
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.cases import (
    act,
    passing_vote,
    publicity_window_elapses,
    to_committee_review,
    to_publicity,
)
from tests.factories import MemberFactory
from workflows.engine.models import Notification, Publicity
from workflows.party_recommendation.services import application_object

pytestmark = pytest.mark.django_db


def told(user) -> list[str]:
    """What ``user`` has been told about their own cases, oldest first."""
    return list(
        Notification.objects.filter(user=user, text__startswith="您的")
        .order_by("pk")
        .values_list("text", flat=True)
    )


def subject(mail) -> str:
    """The subject as a mail client shows it: Django folds a long encoded subject onto its
    second line, and unfolding leaves a blank before it."""
    return mail.message["Subject"].strip()


def mails_about(received, words: str) -> list:
    return [mail for mail in received if words in subject(mail)]


def test_a_return_reaches_the_applicant_in_the_app_and_by_mail(
    world, submitted, smtp_server, django_capture_on_commit_callbacks
):
    opinion = "请补充𠮷的志愿服务证明\n（附件一份）"
    with django_capture_on_commit_callbacks(execute=True):
        act(submitted, "branch_review", world.secretary_a, "return", opinion)
    headline = f"您的推优入党申请 {submitted.reference} · 吉𠮷 已退回修改"
    notice = Notification.objects.get(user=world.applicant_user, text__startswith="您的")
    assert notice.text == f"{headline}：{opinion}"
    assert notice.url == submitted.get_absolute_url()

    [mail] = mails_about(smtp_server, "已退回修改")
    assert mail.envelope_to == ["applicant@example.org"]
    assert mail.message["To"] == "applicant@example.org"
    assert subject(mail) == f"【团务审批】{headline}"
    body = mail.message.get_content().replace("\r\n", "\n")  # as sent over SMTP
    assert opinion in body
    assert f"{settings.SITE_URL}{submitted.get_absolute_url()}" in body


def test_every_step_of_the_case_reaches_the_applicant(world, submitted):
    to_publicity(world, submitted)
    publicity_window_elapses(submitted)
    act(submitted, "recommend", world.committee_secretary, "approve", "同意推荐")
    decided = {"decided_on": submitted.recommended_on.isoformat()}
    act(submitted, "party_decision", world.party_secretary_a, "accept", "同意", decided)
    prefix = f"您的推优入党申请 {submitted.reference} · 吉𠮷 现为"
    assert told(world.applicant_user) == [
        f"{prefix}「待团员大会表决」",
        f"{prefix}「待团委审核」",
        f"{prefix}「公示中」",
        f"{prefix}「待团委推荐」",
        f"{prefix}「已推荐，待党组织决定」",
        f"{prefix}「党组织已采纳」",
    ]


def test_what_the_applicant_did_themselves_is_not_news_to_them(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充")
    act(submitted, "revise", world.applicant_user, "resubmit", "已补充", {"statement": "新简述"})
    act(submitted, "branch_review", world.secretary_a, "return", "仍需补充")
    act(submitted, "revise", world.applicant_user, "withdraw", "不再申请")
    assert submitted.status == "withdrawn"
    assert [text.rsplit("：", 1)[1] for text in told(world.applicant_user)] == [
        "请补充",
        "仍需补充",
    ]


def test_a_step_back_and_a_refusal_carry_their_reasons(world, submitted):
    to_committee_review(world, submitted)
    act(submitted, "committee_review", world.reviewer_1, "return_previous", "请重新表决")
    act(submitted, "branch_meeting", world.secretary_a, "record_vote", "", passing_vote())
    act(submitted, "committee_review", world.reviewer_2, "reject", "不符合推荐条件")
    assert told(world.applicant_user)[-3:] == [
        f"您的推优入党申请 {submitted.reference} · 吉𠮷 已退回，现为「待团员大会表决」：请重新表决",
        f"您的推优入党申请 {submitted.reference} · 吉𠮷 现为「待团委审核」",
        f"您的推优入党申请 {submitted.reference} · 吉𠮷 现为「未通过」：不符合推荐条件",
    ]


def test_an_objection_is_told_without_its_author_or_its_text(world, submitted):
    objector = MemberFactory(branch=world.branch_a, name="匿名不得").user
    objector.first_name = "实名反映人"
    objector.save()
    to_publicity(world, submitted)
    publicity = Publicity.objects.for_case(submitted).get()
    application_object(publicity=publicity, by=objector, text="该同志群众基础一般")
    notice = told(world.applicant_user)[-1]
    assert notice == f"您的推优入党申请 {submitted.reference} · 吉𠮷 现为「公示异议核查中」"
    assert "实名反映人" not in notice and "群众基础" not in notice
    act(submitted, "objection_review", world.committee_secretary, "uphold", "经核查属实")
    # The committee's conclusion is the case's own record, which the applicant reads anyway.
    assert told(world.applicant_user)[-1].endswith("现为「未通过」：经核查属实")


def test_the_notifications_page_shows_the_notice_to_its_reader_only(client, world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充𠮷\n第二行")
    client.force_login(world.applicant_user)
    page = client.get(reverse("engine:notifications")).content.decode()
    assert f'<a href="{submitted.get_absolute_url()}">您的推优入党申请' in page
    assert "已退回修改：请补充𠮷<br>第二行" in page
    client.force_login(world.secretary_b)
    assert submitted.reference not in client.get(reverse("engine:notifications")).content.decode()


def test_stored_wording_stays_in_the_site_language(world, submitted):
    with translation.override("en"):
        act(submitted, "branch_review", world.secretary_a, "approve", "符合条件")
    assert told(world.applicant_user) == [
        f"您的推优入党申请 {submitted.reference} · 吉𠮷 现为「待团员大会表决」"
    ]


def test_a_long_opinion_is_clipped_in_the_app_and_whole_in_the_mail(
    world, submitted, smtp_server, django_capture_on_commit_callbacks
):
    opinion = "请补充材料𠮷" * 60
    with django_capture_on_commit_callbacks(execute=True):
        act(submitted, "branch_review", world.secretary_a, "return", opinion)
    [notice] = told(world.applicant_user)
    assert len(notice) == 255 and notice.endswith("…")
    [mail] = mails_about(smtp_server, "已退回修改")
    assert opinion in mail.message.get_content()


def test_each_recipient_gets_a_mail_of_their_own(
    world, submitted, smtp_server, django_capture_on_commit_callbacks
):
    """The committee's shared queue: both organisation members are told, neither sees the
    other's address."""
    with django_capture_on_commit_callbacks(execute=True):
        to_committee_review(world, submitted)
    mails = mails_about(smtp_server, "待办")
    queue = [mail for mail in mails if "团委审核" in subject(mail)]
    assert sorted(mail.envelope_to[0] for mail in queue) == [
        "tw_zuzhi1@example.org",
        "tw_zuzhi2@example.org",
    ]
    for mail in queue:
        assert mail.envelope_to == [mail.message["To"]]
        assert mail.message["Cc"] is None and mail.message["Bcc"] is None


def test_an_address_the_server_refuses_costs_only_its_own_mail(
    world, submitted, smtp_server, django_capture_on_commit_callbacks, caplog
):
    smtp_server.refused.add("tw_zuzhi1@example.org")
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.WARNING):
        to_committee_review(world, submitted)
    queue = [mail for mail in mails_about(smtp_server, "待办") if "团委审核" in subject(mail)]
    assert [mail.envelope_to for mail in queue] == [["tw_zuzhi2@example.org"]]
    assert "notification mail to tw_zuzhi1@example.org not sent" in caplog.text
    assert Notification.objects.filter(user=world.reviewer_1, text__contains="团委审核").exists()


def test_someone_without_an_address_is_told_in_the_app_only(
    world, submitted, smtp_server, django_capture_on_commit_callbacks
):
    world.applicant_user.email = ""
    world.applicant_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        act(submitted, "branch_review", world.secretary_a, "approve", "符合条件")
    assert told(world.applicant_user)
    assert [mail.envelope_to for mail in smtp_server] == [["a_shuji@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_does_not_undo_the_decision(world, submitted, settings, caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    with caplog.at_level(logging.WARNING, logger="workflows.engine.services.notifications"):
        act(submitted, "branch_review", world.secretary_a, "return", "请补充")
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    assert told(world.applicant_user)
    assert "mail server unreachable" in caplog.text


# --- the other processes, child cases moved by their parent included -----------------


def test_an_election_request_returned_reaches_the_branch_secretary(world):
    from tests.elections.helpers import act as election_act
    from tests.elections.helpers import candidates_for, submit

    election = submit(world, candidates_for(world.branch_a, 6))
    election_act(election, "plan_review", world.reviewer_1, "return", "请增加一名候选人")
    assert told(world.secretary_a) == [
        f"您的换届选举 {election.reference} · 心内科团支部 已退回修改：请增加一名候选人"
    ]


def test_a_nomination_hears_of_its_shortlist_and_not_the_reasons_given_on_the_campaign(
    world, django_capture_on_commit_callbacks
):
    from tests.awards.helpers import act as awards_act
    from tests.awards.helpers import to_party_review

    campaign, nomination, party = to_party_review(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        declined = {"declined": [nomination.pk]}
        awards_act(campaign, "party_review", party, "confirm", "名额另有考虑：某某优先", declined)
    prefix = f"您的评优推荐 {nomination.reference} · 吉𠮷（优秀共青团员） 现为"
    assert told(world.applicant_user) == [
        f"{prefix}「待团委审核」",
        f"{prefix}「待评审」",
        f"{prefix}「入围公示中」",
        f"{prefix}「公示无异议，待党委审定」",
        f"{prefix}「党委未同意」",
    ]


def test_a_post_filing_returned_reaches_whoever_sent_it(world, django_capture_on_commit_callbacks):
    from tests.civilization_posts.helpers import act as posts_act
    from tests.civilization_posts.helpers import collective_with, cycle_for
    from workflows.civilization_posts import services

    # 创建备案 runs on its cycle's calendar: a June day of an even year.
    june = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(june, tick=True):
        collective = collective_with(world.branch_a, "心内科", leader="xn_hz")
        cycle = cycle_for(world)
        with django_capture_on_commit_callbacks(execute=True):
            services.cycle_open(cycle=cycle, by=world.committee_secretary)
        filing = services.filing_submit(
            cycle=cycle,
            collective=collective,
            plan="规划",
            targets="目标",
            carriers="载体",
            slogan="口号",
            pledge="承诺",
            by=collective.leader.user,
        )
        posts_act(filing, "unit_review", world.secretary_a, "return", "口号请再提炼𠮷")
    assert told(collective.leader.user) == [
        f"您的青年文明号创建备案 {filing.reference} · 心内科 已退回修改：口号请再提炼𠮷"
    ]
