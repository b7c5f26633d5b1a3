"""REST API v1 for 五四评优: a campaign from its draft to the 表彰决定, with the steps through the
task endpoints; scoping; malformed input answers 400, never 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.api.fuzz import schema_exercise
from tests.api.test_elections import take_task
from tests.api.test_views import client_for
from tests.awards.helpers import (
    approved,
    campaign_for,
    category,
    good_record,
    party_secretary,
    timers_fire,
    vote_all,
)
from workflows.awards import panel, services
from workflows.awards.models import Campaign, Nomination

pytestmark = pytest.mark.django_db
NOMINATION = "awards.nomination"


def campaign_body(world, **overrides) -> dict:
    today = timezone.localdate()
    body = {
        "org": world.committee.pk,
        "title": "2026年度五四评优",
        "year": 2027,
        "cutoff_date": today.isoformat(),
        "deadline": (today + datetime.timedelta(days=20)).isoformat(),
        "notice": "请各团支部认真组织推荐。",
        "judges": [world.committee_secretary.pk, world.reviewer_1.pk, world.reviewer_2.pk],
        "codes": ["excellent_member", "job_expert"],
    }
    body.update(overrides)
    return body


def create(world, **overrides):
    return client_for(world.committee_secretary).post(
        reverse("api:campaigns"), campaign_body(world, **overrides), format="json"
    )


def codes_of(body: dict) -> dict:
    return {c["code"]: c for c in body["categories"]}


def nominate(user, campaign_pk: int, category_pk: int, **values):
    body = {"category": category_pk, "deeds": "抗疫一线志愿服务，累计服务 300 小时。", **values}
    return client_for(user).post(
        reverse("api:campaign_nominations", args=[campaign_pk]), body, format="json"
    )


def step(client, reference: str, name: str, action: str, opinion: str = "", data=None):
    """Finish the user's open task on the case through ``/tasks/<pk>/act/``."""
    task = take_task(client, reference)
    assert task["step_key"] == name
    return client.post(
        reverse("api:task_act", args=[task["id"]]),
        {"action": action, "opinion": opinion, "data": data or {}},
        format="json",
    )


def opened(world, **values) -> Campaign:
    campaign = campaign_for(world, **values)
    services.campaign_open(campaign=campaign, by=world.committee_secretary)
    return campaign


def test_create_a_draft(world):
    response = create(world)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["reference"].startswith("PY")
    assert body["org_name"] == "委团委" and body["managed"] and body["is_judge"]
    assert body["notice"] == "请各团支部认真组织推荐。" and body["notice_number"] == ""
    assert [j["name"] for j in body["judges"]] == ["王委书记", "李组织", "赵组织"]
    categories = codes_of(body)
    assert list(categories) == ["excellent_member", "job_expert"]
    member = categories["excellent_member"]
    assert member["judging"] == "vote" and member["basis"] == "members"
    assert member["conditions"]["age_max"] == 28
    assert member["conditions"]["review_required"] == "excellent"
    # The campaign's whole quota: 51 members in the committee, 3%, rounded down.
    assert member["quota"] == {"limit": 1, "explain": "团员 51 人 × 3% = 1.53，向下取整为 1 名"}
    assert categories["job_expert"]["judging"] == "score"
    assert categories["job_expert"]["quota"] == {"limit": 5, "explain": "定额 5 名"}
    assert body["unit_quotas"] == []  # the committee nominates no individuals itself


def test_create_with_every_usual_category_when_codes_are_left_out(world):
    body = campaign_body(world)
    del body["codes"]
    response = client_for(world.committee_secretary).post(
        reverse("api:campaigns"), body, format="json"
    )
    assert response.status_code == 201, response.content
    assert len(response.json()["categories"]) == 6


def test_create_refusals(world):
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = create(world, deadline=past)
    assert response.status_code == 400
    assert response.json()["violations"] == ["推荐截止日不能早于今天"]

    response = create(world, title="  ")
    assert response.status_code == 400 and "请填写评选名称" in response.json()["detail"]

    response = create(world, codes=["excellent_member", "nobel"])
    assert response.json()["violations"] == ["没有奖项代码：nobel"]

    # A judge must hold office in the committee or under it.
    response = create(world, judges=[world.committee_secretary.pk, world.outsider_user.pk])
    assert response.status_code == 400
    assert str(world.outsider_user.pk) in response.json()["violations"][0]

    # Only the committee's own secretaries start a campaign; others do not learn it exists.
    response = client_for(world.secretary_a).post(
        reverse("api:campaigns"), campaign_body(world), format="json"
    )
    assert response.status_code == 404
    response = create(world, org=world.branch_a.pk)
    assert response.status_code == 404
    # An organisation member of the committee runs it but may not start one.
    response = client_for(world.reviewer_1).post(
        reverse("api:campaigns"), campaign_body(world), format="json"
    )
    assert response.status_code == 404


def test_whole_campaign_through_the_api(world, django_capture_on_commit_callbacks):
    party = party_secretary(world)
    good_record(world.applicant)
    good_record(world.members_a[0])
    committee = client_for(world.committee_secretary)
    secretary_a = client_for(world.secretary_a)

    created = create(world).json()
    pk, reference = created["id"], created["reference"]
    excellent, expert = (codes_of(created)[c]["id"] for c in ("excellent_member", "job_expert"))
    # A draft is the committee's own.
    assert secretary_a.get(reverse("api:campaign", args=[pk])).status_code == 404
    assert secretary_a.get(reverse("api:campaigns")).json()["count"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = committee.post(reverse("api:campaign_open", args=[pk]))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "open" and response.json()["notice_number"]
    assert response.json()["accepts_nominations"]
    assert committee.post(reverse("api:campaign_open", args=[pk])).status_code == 400

    detail = secretary_a.get(reverse("api:campaign", args=[pk])).json()
    assert detail["managed"] is False and detail["is_judge"] is False
    quotas = {q["category_name"]: q for q in detail["unit_quotas"]}
    assert quotas["优秀共青团员"] == {
        "category": excellent,
        "category_name": "优秀共青团员",
        "unit": world.branch_a.pk,
        "unit_name": "心内科团支部",
        "limit": 1,
        "used": 0,
        "left": 1,
        "explain": "团员 50 人 × 3% = 1.5，向下取整为 1 名",
    }
    assert quotas["青年岗位能手"]["limit"] == 1

    # 自荐: the branch reviews it first.
    response = nominate(world.applicant_user, pk, excellent, member=world.applicant.pk)
    assert response.status_code == 201, response.content
    mine = response.json()
    assert mine["status"] == "submitted" and mine["nominated_by"] == "self"
    assert mine["reference"].startswith("PX") and mine["nominee_name"] == "吉𠮷"
    assert mine["quota_unit"] == world.branch_a.pk and mine["form"]["姓名"] == "吉𠮷"
    assert [t["step_key"] for t in mine["active_tasks"]] == ["branch_review"]

    # The branch's one place is taken: the answer names the quota and its arithmetic.
    response = nominate(world.secretary_a, pk, excellent, member=world.members_a[0].pk)
    assert response.status_code == 400
    (violation,) = response.json()["violations"]
    assert violation == (
        "心内科团支部优秀共青团员名额 1 名（团员 50 人 × 3% = 1.5，向下取整为 1 名），"
        "已推荐 1 名，不能再推荐"
    )

    # The branch's own nomination goes straight to the committee.
    response = nominate(world.secretary_a, pk, expert, member=world.members_a[1].pk, post="护师")
    assert response.status_code == 201, response.content
    theirs = response.json()
    assert theirs["status"] == "branch_approved" and theirs["nominated_by"] == "branch"
    assert "护师" in theirs["form"]["单位及职务"]
    used = secretary_a.get(reverse("api:campaign", args=[pk])).json()["unit_quotas"]
    assert {q["category_name"]: q["used"] for q in used} == {"优秀共青团员": 1, "青年岗位能手": 1}

    # Reviews through the task endpoints.
    response = step(secretary_a, mine["reference"], "branch_review", "approve", "同意推荐")
    assert response.status_code == 200, response.content
    reviewer = client_for(world.reviewer_1)
    for nomination in (mine, theirs):
        response = step(reviewer, nomination["reference"], "committee_review", "approve", "同意")
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "committee_approved"

    campaign = Campaign.objects.get(pk=pk)
    timers_fire(campaign)
    assert campaign.status == "panel"

    # The panel: each judge's sheet, one ballot each.
    assert secretary_a.get(reverse("api:campaign_ballot", args=[pk])).status_code == 404
    sheet = committee.get(reverse("api:campaign_ballot", args=[pk])).json()
    assert sheet["open"] and not sheet["cast"] and sheet["recused"] == []
    judging = {n["id"]: n["judging"] for n in sheet["nominations"]}
    assert judging == {mine["id"]: "vote", theirs["id"]: "score"}
    for judge, score in ((world.committee_secretary, 90), (world.reviewer_1, 80)):
        entries = [
            {"nomination": mine["id"], "approve": True},
            {"nomination": theirs["id"], "score": score},
        ]
        response = client_for(judge).post(
            reverse("api:campaign_ballot", args=[pk]), {"entries": entries}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["cast"] and len(response.json()["ballots"]) == 2
    again = committee.post(
        reverse("api:campaign_ballot", args=[pk]), {"entries": entries}, format="json"
    )
    assert again.status_code == 400 and "不能重复提交" in again.json()["detail"]

    # One judge has not voted yet: the results say so, and publishing waits for it.
    results = committee.get(reverse("api:campaign_results", args=[pk])).json()
    assert [j["name"] for j in results["judges_missing"]] == ["赵组织"]
    response = step(committee, reference, "panel", "publish_shortlist", "", {"picks": []})
    assert response.status_code == 400 and "赵组织" in response.json()["detail"]

    # Scores run from 0 to 100 in tenths: beyond is a malformed field, finer a refusal.
    for score, answer in ((100.5, "fields"), (86.55, "评分 86.55 最多一位小数")):
        entries = [
            {"nomination": mine["id"], "approve": False},
            {"nomination": theirs["id"], "score": score},
        ]
        response = client_for(world.reviewer_2).post(
            reverse("api:campaign_ballot", args=[pk]), {"entries": entries}, format="json"
        )
        assert response.status_code == 400
        assert answer in response.json() or answer in response.json()["detail"]
    entries = [
        {"nomination": mine["id"], "approve": False},
        {"nomination": theirs["id"], "score": "86.5"},
    ]
    response = client_for(world.reviewer_2).post(
        reverse("api:campaign_ballot", args=[pk]), {"entries": entries}, format="json"
    )
    assert response.status_code == 201, response.content

    assert secretary_a.get(reverse("api:campaign_results", args=[pk])).status_code == 404
    results = committee.get(reverse("api:campaign_results", args=[pk])).json()
    assert results["judges_missing"] == []
    by_code = {r["code"]: r for r in results["categories"]}
    (tally,) = by_code["excellent_member"]["tallies"]
    assert (tally["votes_for"], tally["judges"], tally["passed"]) == (2, 3, True)
    assert by_code["excellent_member"]["selected"] == [mine["id"]]
    assert by_code["excellent_member"]["quota"]["limit"] == 1
    assert by_code["job_expert"]["tallies"][0]["score"] == "85.50"
    assert by_code["job_expert"]["tie_open"] is False and by_code["job_expert"]["tie_text"] == ""

    with django_capture_on_commit_callbacks(execute=True):
        response = step(
            committee,
            reference,
            "panel",
            "publish_shortlist",
            "评审通过",
            {"picks": [], "allow_missing": False},
        )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_publicity"
    rows = committee.get(reverse("api:campaign_nominations", args=[pk])).json()["results"]
    assert {(r["id"], r["status"], r["votes_for"], r["rank"]) for r in rows} == {
        (mine["id"], "in_publicity", 2, 1),
        (theirs["id"], "in_publicity", 3, 1),
    }
    assert {r["score"] for r in rows} == {None, "85.50"}

    timers_fire(campaign, publicity=True)
    assert campaign.status == "party_review"
    response = step(
        client_for(party),
        reference,
        "party_review",
        "confirm",
        "同意；青年岗位能手人选另行研究",
        {"declined": [theirs["id"]]},
    )
    assert response.status_code == 200, response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = step(committee, reference, "decide", "issue_decision", "印发")
    assert response.status_code == 200, response.content

    detail = committee.get(reverse("api:campaign", args=[pk])).json()
    assert detail["status"] == "decided" and detail["decision_number"]
    assert detail["decided_on"] == timezone.localdate().isoformat()
    assert detail["active_tasks"] == []
    statuses = {
        r["id"]: r["status"]
        for r in committee.get(reverse("api:campaign_nominations", args=[pk])).json()["results"]
    }
    assert statuses == {mine["id"]: "awarded", theirs["id"]: "declined"}
    awarded = committee.get(
        reverse("api:campaign_nominations", args=[pk]), {"status": "awarded"}
    ).json()
    assert [r["id"] for r in awarded["results"]] == [mine["id"]]

    (honour,) = client_for(world.applicant_user).get(reverse("api:honours")).json()["results"]
    assert (honour["holder"], honour["title"], honour["year"]) == ("吉𠮷", "优秀共青团员", 2027)
    assert honour["member"] == world.applicant.pk and honour["nomination"] == mine["id"]
    assert honour["document_number"] == detail["decision_number"]
    assert client_for(world.secretary_b).get(reverse("api:honours")).json()["count"] == 0
    by_year = client_for(world.secretary_a).get(reverse("api:honours"), {"year": 2026}).json()
    assert by_year["count"] == 0
    assert client_for(world.secretary_a).get(reverse("api:honours"), {"year": "x"}).status_code == (
        400
    )


def test_branch_b_sees_neither_branch_a_nominations_nor_drafts(world):
    good_record(world.applicant)
    draft = campaign_for(world, codes=["excellent_member"])
    other = client_for(world.secretary_b)
    for name in ("api:campaign", "api:campaign_nominations", "api:campaign_ballot"):
        assert other.get(reverse(name, args=[draft.pk])).status_code == 404, name
    assert other.get(reverse("api:campaigns")).json()["count"] == 0

    services.campaign_open(campaign=draft, by=world.committee_secretary)
    nomination = services.nomination_submit(
        category=category(draft, "excellent_member"),
        by=world.applicant_user,
        member=world.applicant,
        deeds="抗疫一线志愿服务。",
    )
    listed = other.get(reverse("api:campaigns")).json()
    assert [c["id"] for c in listed["results"]] == [draft.pk]
    assert other.get(reverse("api:campaign_nominations", args=[draft.pk])).json()["count"] == 0
    case = reverse("api:case", args=[NOMINATION, nomination.pk])
    assert other.get(case).status_code == 404
    assert client_for(world.secretary_a).get(case).status_code == 200
    own = client_for(world.secretary_a).get(reverse("api:campaign_nominations", args=[draft.pk]))
    assert [r["id"] for r in own.json()["results"]] == [nomination.pk]

    # Branch B cannot nominate a member of branch A, nor open or read the results.
    response = nominate(
        world.secretary_b,
        draft.pk,
        category(draft, "excellent_member").pk,
        member=world.applicant.pk,
    )
    assert response.status_code == 400
    assert response.json()["violations"] == ["只能推荐本人或所在团支部的团员"]
    assert other.post(reverse("api:campaign_open", args=[draft.pk])).status_code == 404
    assert other.get(reverse("api:campaign_results", args=[draft.pk])).status_code == 404
    assert other.get(reverse("api:campaign_ballot", args=[draft.pk])).status_code == 404
    response = other.post(
        reverse("api:campaign_ballot", args=[draft.pk]), {"entries": []}, format="json"
    )
    assert response.status_code == 404
    # The committee's organisation members run the campaign: they read the results.
    reviewer = client_for(world.reviewer_1)
    assert reviewer.get(reverse("api:campaign_results", args=[draft.pk])).status_code == 200


def test_opening_is_for_the_committee_secretaries(world):
    campaign = campaign_for(world)
    response = client_for(world.reviewer_1).post(reverse("api:campaign_open", args=[campaign.pk]))
    # Signed in and able to see the campaign, but without the right: 403, naming the rule.
    assert response.status_code == 403
    assert response.json()["violations"] == ["只有发起评选的团委可以发布通知"]


def test_a_judge_is_recused_from_their_own_branch(world):
    good_record(world.applicant)
    campaign = opened(world, judges=[world.committee_secretary, world.secretary_a])
    nomination = approved(
        services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        ),
        world,
    )
    judge = client_for(world.secretary_a)
    url = reverse("api:campaign_ballot", args=[campaign.pk])
    sheet = judge.get(url).json()
    assert sheet["open"] is False  # still taking nominations
    response = judge.post(url, {"entries": []}, format="json")
    assert response.status_code == 400 and "不在评审阶段" in response.json()["detail"]

    timers_fire(campaign)
    sheet = judge.get(url).json()
    assert sheet["nominations"] == []
    assert [n["id"] for n in sheet["recused"]] == [nomination.pk]
    response = judge.post(
        url, {"entries": [{"nomination": nomination.pk, "approve": True}]}, format="json"
    )
    assert response.status_code == 400
    assert "须回避" in response.json()["violations"][0]
    # Nothing to judge: there is no ballot to cast, and the judge is not counted as missing.
    response = judge.post(url, {"entries": []}, format="json")
    assert response.status_code == 400 and "均须回避" in response.json()["detail"]
    assert world.secretary_a not in panel.judges_missing(campaign=campaign)


def test_a_ballot_must_cover_the_sheet(world):
    good_record(world.applicant)
    campaign = opened(world)
    nomination = approved(
        services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        ),
        world,
    )
    timers_fire(campaign)
    client = client_for(world.reviewer_1)
    url = reverse("api:campaign_ballot", args=[campaign.pk])
    response = client.post(url, {"entries": []}, format="json")
    assert response.status_code == 400 and "缺少：吉𠮷（优秀共青团员）" in response.json()["detail"]
    response = client.post(
        url, {"entries": [{"nomination": nomination.pk, "score": 70}]}, format="json"
    )
    assert response.status_code == 400 and "请选择赞成或不赞成" in response.json()["detail"]


def test_nomination_refusals(world):
    campaign = opened(world, codes=["excellent_member", "red_flag_branch"])
    member = category(campaign, "excellent_member").pk
    branch = category(campaign, "red_flag_branch").pk

    # Not eligible on the records: every reason comes back.
    response = nominate(world.applicant_user, campaign.pk, member, member=world.applicant.pk)
    assert response.status_code == 400
    assert any("教育评议" in v for v in response.json()["violations"]), response.json()

    good_record(world.applicant)
    response = nominate(world.applicant_user, campaign.pk, member, member=None)
    assert response.status_code == 400 and response.json()["violations"] == ["请选择被推荐的团员"]
    response = nominate(
        world.applicant_user, campaign.pk, member, member=world.applicant.pk, deeds=" "
    )
    assert response.status_code == 400 and response.json()["violations"] == ["请填写主要事迹"]
    response = nominate(
        world.applicant_user, campaign.pk, member, member=world.applicant.pk, deeds="事" * 1501
    )
    assert response.status_code == 400 and "1500 字上限" in response.json()["detail"]

    # A collective category needs a unit the caller leads.
    response = nominate(world.secretary_a, campaign.pk, branch)
    assert response.status_code == 400 and response.json()["violations"] == ["请选择推荐的集体"]
    response = nominate(world.secretary_a, campaign.pk, branch, org=world.branch_b.pk)
    assert response.status_code == 400
    assert response.json()["violations"] == ["不是您可以申报的集体"]

    other = campaign_for(world, title="另一次评选")
    response = nominate(
        world.applicant_user,
        campaign.pk,
        category(other, "excellent_member").pk,
        member=world.applicant.pk,
    )
    assert response.status_code == 400
    assert response.json()["violations"] == ["本次评选没有这个奖项"]

    Campaign.objects.filter(pk=campaign.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = nominate(world.applicant_user, campaign.pk, member, member=world.applicant.pk)
    assert response.status_code == 400 and "截止" in response.json()["detail"]


MALFORMED = [
    ("campaigns", {"year": "明年", "deadline": "下周"}, {"year", "deadline"}),
    ("campaigns", {"judges": "王委书记"}, {"judges"}),
    ("campaigns", {"judges": []}, {"judges"}),
    ("campaigns", {"codes": "excellent_member"}, {"codes"}),
    ("campaigns", {"org": "委团委", "title": None}, {"org", "title"}),
    ("campaigns", {"notice": "通" * 6001}, {"notice"}),
    ("nominations", {"category": "优秀"}, {"category"}),
    ("nominations", {"member": "吉𠮷", "deeds": None}, {"member", "deeds"}),
    ("nominations", {"member": 2**70}, {"member"}),
    ("nominations", {"deeds": ["事迹"], "post": "职" * 61}, {"deeds", "post"}),
    ("ballot", {"entries": {"1": True}}, {"entries"}),
    ("ballot", {"entries": [{"nomination": "x", "approve": "maybe"}]}, {"entries"}),
    ("ballot", {"entries": [{"nomination": 1, "score": "NaN"}]}, {"entries"}),
    ("ballot", {"entries": [{"nomination": 1, "score": "Infinity"}]}, {"entries"}),
]


@pytest.mark.parametrize(("endpoint", "body", "fields"), MALFORMED)
def test_malformed_payloads_are_400(world, endpoint, body, fields):
    good_record(world.applicant)
    campaign = opened(world)
    timers_fire(campaign)
    client = client_for(world.committee_secretary)
    client.raise_request_exception = False
    if endpoint == "campaigns":
        url, payload = reverse("api:campaigns"), campaign_body(world, **body)
    elif endpoint == "nominations":
        url = reverse("api:campaign_nominations", args=[campaign.pk])
        payload = {"category": category(campaign, "excellent_member").pk, "deeds": "事迹", **body}
    else:
        url, payload = reverse("api:campaign_ballot", args=[campaign.pk]), body
    response = client.post(url, payload, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert fields <= set(body["fields"]), body
    assert all(any(v.startswith(f"{name}") for v in body["violations"]) for name in fields)


def test_form_encoded_and_non_object_bodies_are_refused(world):
    campaign = opened(world)
    client = client_for(world.committee_secretary)
    client.raise_request_exception = False
    response = client.post(reverse("api:campaigns"), {"org": 1}, format="multipart")
    assert response.status_code == 415
    for url in (
        reverse("api:campaigns"),
        reverse("api:campaign_nominations", args=[campaign.pk]),
        reverse("api:campaign_ballot", args=[campaign.pk]),
    ):
        response = client.post(url, [1, 2], format="json")
        assert response.status_code in (400, 404), (url, response.content)


def test_nominations_list_filters(world):
    good_record(world.applicant)
    campaign = opened(world)
    services.nomination_submit(
        category=category(campaign, "excellent_member"),
        by=world.applicant_user,
        member=world.applicant,
        deeds="抗疫一线志愿服务。",
    )
    client = client_for(world.committee_secretary)
    url = reverse("api:campaign_nominations", args=[campaign.pk])
    assert client.get(url).json()["count"] == 1
    assert client.get(url, {"status": "awarded"}).json()["count"] == 0
    assert client.get(url, {"category": category(campaign, "job_expert").pk}).json()["count"] == 0
    assert client.get(url, {"category": "一"}).status_code == 400


def published(world, *, voted: bool = False) -> tuple[Campaign, Nomination]:
    good_record(world.applicant)
    campaign = opened(world, codes=["excellent_member"])
    nomination = approved(
        services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        ),
        world,
    )
    timers_fire(campaign)
    if voted:
        vote_all(campaign)
    return campaign, nomination


STEP_DATA_OK = [
    ({"picks": [], "allow_missing": True}, True, 200),
    ({"picks": "", "allow_missing": False}, False, 400),  # judges missing: named in the answer
]


@pytest.mark.parametrize(("data", "voted", "expected"), STEP_DATA_OK)
def test_shortlist_data_passes_through_act(
    world, django_capture_on_commit_callbacks, data, voted, expected
):
    campaign, _nomination = published(world, voted=voted)
    client = client_for(world.committee_secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = step(client, campaign.reference, "panel", "publish_shortlist", "", data)
    assert response.status_code == expected, response.content
    if expected == 400:
        assert "缺席评委按未投赞成票计" in response.json()["detail"]
    else:
        assert response.json()["status"] == "in_publicity"
        row = client.get(reverse("api:campaign_nominations", args=[campaign.pk])).json()
        assert row["results"][0]["status"] == "in_publicity"


def test_declined_must_be_on_the_list_and_be_explained(world, django_capture_on_commit_callbacks):
    party = party_secretary(world)
    campaign, nomination = published(world)
    judges = [world.committee_secretary, world.reviewer_1, world.reviewer_2]
    for judge in judges:
        client_for(judge).post(
            reverse("api:campaign_ballot", args=[campaign.pk]),
            {"entries": [{"nomination": nomination.pk, "approve": True}]},
            format="json",
        )
    committee = client_for(world.committee_secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = step(committee, campaign.reference, "panel", "publish_shortlist", "", {})
    assert response.status_code == 200, response.content
    timers_fire(campaign, publicity=True)
    client = client_for(party)
    response = step(client, campaign.reference, "party_review", "confirm", "", {"declined": [0]})
    assert response.status_code == 400 and "理由" in response.json()["detail"]
    response = step(
        client, campaign.reference, "party_review", "confirm", "不同意", {"declined": [0]}
    )
    assert response.status_code == 400 and "待审定名单" in response.json()["detail"]
    response = step(
        client, campaign.reference, "party_review", "confirm", "", {"decided_on": "明天"}
    )
    assert response.status_code == 400 and "不是有效日期" in response.json()["detail"]


MALFORMED_STEP_DATA = [
    ("panel", "publish_shortlist", {"picks": ["甲"], "allow_missing": True}),
    ("panel", "publish_shortlist", {"picks": 5, "allow_missing": True}),
]


@pytest.mark.parametrize(("name", "action", "data"), MALFORMED_STEP_DATA)
def test_wrongly_shaped_step_data_is_400_not_500(world, name, action, data):
    campaign, _nomination = published(world)
    client = client_for(world.committee_secretary)
    client.raise_request_exception = False
    response = step(client, campaign.reference, name, action, "", data)
    assert response.status_code == 400


@pytest.mark.parametrize("declined", [["甲"], 5])
def test_wrongly_shaped_declined_is_400_not_500(
    world, django_capture_on_commit_callbacks, declined
):
    party = party_secretary(world)
    campaign, _nomination = published(world, voted=True)
    committee = client_for(world.committee_secretary)
    data = {"allow_missing": True}
    with django_capture_on_commit_callbacks(execute=True):
        step(committee, campaign.reference, "panel", "publish_shortlist", "", data)
    timers_fire(campaign, publicity=True)
    client = client_for(party)
    client.raise_request_exception = False
    response = step(
        client, campaign.reference, "party_review", "confirm", "理由", {"declined": declined}
    )
    assert response.status_code == 400


def test_schema_lists_the_award_endpoints(world):
    response = client_for(world.secretary_a).get(reverse("schema"))
    assert response.status_code == 200
    for path in (
        b"/api/v1/campaigns/",
        b"/api/v1/campaigns/{id}/",
        b"/api/v1/campaigns/{id}/open/",
        b"/api/v1/campaigns/{id}/nominations/",
        b"/api/v1/campaigns/{id}/ballot/",
        b"/api/v1/campaigns/{id}/results/",
        b"/api/v1/honours/",
    ):
        assert path in response.content, path


def test_generated_requests_pass_every_check(world):
    """Schema-generated requests against the 五四评优 endpoints, every check (tests/api/fuzz.py)."""
    campaign, _nomination = published(world)
    campaign_for(world, title="草拟中的评选")
    token, _ = Token.objects.get_or_create(user=world.committee_secretary)
    exercise = schema_exercise(
        headers={"Authorization": f"Token {token.key}"},
        max_examples=20,
        path_regex=r"^/api/v1/(campaigns|honours)/",
        known={"id": campaign.pk},
    )
    assert len(exercise.operations) == 10
    assert exercise.failures == []
