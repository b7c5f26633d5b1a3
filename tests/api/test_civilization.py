"""REST API v1 for 青年文明号: collectives and rosters, a cycle from its draft to the 命名决定 with
the steps through the task endpoints, 互检互查 score sheets, recognitions and the yearly review;
scoping; malformed input answers 400, never 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.api.fuzz import schema_exercise
from tests.api.test_awards import step
from tests.api.test_elections import take_task
from tests.api.test_views import client_for
from tests.civilization_posts.helpers import (
    born,
    collective_with,
    cycle_for,
    timers_fire,
)
from workflows.civilization_posts import services
from workflows.civilization_posts.models import Cycle, PeerReview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("even_year")]
APPLICATION = "civilization_posts.postapplication"

# Two sections of 50 points: a sheet is easy to total by hand.
RUBRIC = [
    {"name": "组织建设", "items": [{"text": "创建组织健全", "max": "50"}]},
    {"name": "业务工作", "items": [{"text": "服务质量和患者满意度", "max": 50}]},
]


def sheet(total: int) -> dict:
    """Scores on ``RUBRIC`` adding up to ``total`` (50 or more)."""
    return {"1.1": "50", "2.1": str(total - 50)}


def days(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def cycle_body(w, **overrides) -> dict:
    body = {
        "org": w.committee.pk,
        "title": "2025—2026年度青年文明号创建评审",
        "start_year": 2025,
        "filing_deadline": days(10),
        "application_deadline": days(30),
        "notice": "请各单位认真组织创建。",
    }
    body.update(overrides)
    return body


def filing_body(collective, **overrides) -> dict:
    body = {
        "collective": collective.pk,
        "plan": "三年创建规划：规范服务、提升质量。",
        "targets": "患者满意度达到 98% 以上。",
        "carriers": "青年志愿服务岗、技能练兵。",
        "slogan": "青春守护生命",
        "pledge": "微笑服务，零投诉。",
    }
    body.update(overrides)
    return body


def url(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


def post(user, name: str, *args, body=None):
    return client_for(user).post(url(name, *args), body or {}, format="json")


def review_submit(w, collective, application_pk: int, total: int):
    """The reviewing collective's 号长 finds their sheet for the application and submits it."""
    client = client_for(w.leader_of(collective))
    mine = client.get(url("peer_reviews")).json()["results"]
    (review,) = [r for r in mine if r["application"] == application_pk]
    body = {"scores": sheet(total), "comment": "台账完整。"}
    return client.post(url("peer_review", review["id"]), body, format="json")


def test_collectives_list_with_filters_and_scope(post_world):
    w = post_world
    committee = client_for(w.committee_secretary)
    rows = committee.get(url("collectives")).json()["results"]
    assert {r["name"]: r["headcount"] for r in rows} == {
        "急诊科": 10,
        "心内科": 10,
        "外科1病区": 10,
        "外科2病区": 10,
        "外科3病区": 10,
    }
    assert {(r["group"], r["group_name"], r["kind"]) for r in rows} == {
        (w.group.pk, "医院大组·第一小组", "department")
    }
    assert committee.get(url("collectives"), {"group": w.group.pk}).json()["count"] == 5
    assert committee.get(url("collectives"), {"kind": "team"}).json()["count"] == 0
    assert "group" in committee.get(url("collectives"), {"group": "一"}).json()["fields"]
    assert committee.get(url("collectives"), {"kind": "ward"}).status_code == 400

    def names(user) -> set[str]:
        rows = client_for(user).get(url("collectives")).json()["results"]
        return {r["name"] for r in rows}

    assert names(w.secretary_b) == {"外科1病区", "外科2病区", "外科3病区"}
    assert names(w.leader_of(w.er)) == {"急诊科"}
    assert names(w.outsider_user) == set()


def test_collective_detail_counts_the_roster_against_the_rules(post_world):
    w = post_world
    old = collective_with(w.branch_a, "老年科", members=8, young=3, leader_age=45)
    response = client_for(w.secretary_a).get(url("collective", old.pk))
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["headcount"], body["managed"], body["rules_label"]) == (8, True, "全国默认")
    leader = body["roster"][0]
    assert (leader["name"], leader["role"], leader["age"]) == ("老年科号长", "leader", 45)
    assert leader["has_account"] is False
    assert sorted(p["age"] for p in body["roster"]) == [26, 26, 26, 45, 45, 45, 45, 45]
    assert body["facts"] == {
        "on": timezone.localdate().isoformat(),
        "members": 8,
        "young": 3,
        "leader_name": "老年科号长",
        "leader_age": 45,
    }
    assert body["conditions"] == {
        "members_min": 6,
        "members_max": 200,
        "young_age_max": 35,
        "young_share_min": "1/2",
        "leader_age_max": 40,
    }
    share, age = body["problems"]
    assert "青年 3 人，占集体 8 人的 37.5%" in share
    assert age.startswith("号长 老年科号长") and age.endswith("年满 45 周岁，超过 40 周岁")
    assert body["recognitions"] == []


def test_register_a_collective_and_build_its_roster(post_world):
    w = post_world
    body = {"org": w.branch_a.pk, "name": "儿科", "kind": "team"}
    response = post(w.secretary_a, "collectives", body=body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["org_name"], created["kind_display"], created["headcount"]) == (
        "心内科团支部",
        "班组",
        0,
    )
    assert created["roster"] == [] and created["group"] is None
    assert created["problems"] == ["集体人数 0 人，不在 6–200 人之间", "尚未确定号长"]
    pk = created["id"]

    person = {
        "name": "儿科号长",
        "gender": "女",
        "birth_date": born(33).isoformat(),
        "post": "主治医师",
        "role": "leader",
    }
    response = post(w.secretary_a, "collective_people", pk, body=person)
    assert response.status_code == 201, response.content
    (leader,) = response.json()["roster"]
    assert (leader["age"], leader["role_display"], leader["post"]) == (33, "号长", "主治医师")
    assert "尚未确定号长" not in response.json()["problems"]

    response = post(w.secretary_a, "collective_people", pk, body={**person, "name": "另一位"})
    assert response.status_code == 400 and response.json()["violations"] == [
        "儿科已有号长，请先调整原号长"
    ]
    response = post(w.secretary_a, "collective_people", pk, body={**person, "birth_date": days(1)})
    assert response.status_code == 400
    assert response.json()["violations"] == [f"出生日期 {days(1)} 晚于 {days(0)}"]
    # The committee above manages it as well; a member is the default role.
    member = {"name": "儿科成员", "gender": "男", "birth_date": born(25).isoformat()}
    response = post(w.committee_secretary, "collective_people", pk, body=member)
    assert response.status_code == 201 and response.json()["roster"][1]["role"] == "member"
    # A 号长 sees their collective but does not keep its roster: signed in, without the right.
    response = post(w.leader_of(w.er), "collective_people", w.er.pk, body=member)
    assert response.status_code == 403 and "书记、副书记" in response.json()["detail"]

    response = post(w.secretary_a, "collectives", body=body)
    assert response.status_code == 400 and response.json()["violations"] == [
        "已有名为「儿科」的集体"
    ]
    # Another branch, or an organisation outside the league, is not the caller's to use.
    assert post(w.secretary_b, "collectives", body=body).status_code == 404
    assert post(w.secretary_a, "collectives", body={**body, "org": w.party_a.pk}).status_code == (
        404
    )
    assert post(w.secretary_b, "collective_people", pk, body=member).status_code == 404


def test_create_a_cycle_and_edit_its_rubric(post_world):
    w = post_world
    committee = client_for(w.committee_secretary)
    response = committee.post(url("post_cycles"), cycle_body(w), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["reference"].startswith("WM")
    assert (created["start_year"], created["review_year"], created["managed"]) == (2025, 2026, True)
    assert created["rubric"]["version"] == 1 and created["rubric"]["max"] == "100"
    assert [s["name"] for s in created["rubric"]["sections"]][:2] == ["组织建设", "制度建设"]
    assert created["active_tasks"] == []
    pk = created["id"]
    # A draft is the committee's own.
    assert client_for(w.secretary_a).get(url("post_cycle", pk)).status_code == 404
    assert client_for(w.secretary_a).get(url("post_cycles")).json()["count"] == 0

    response = committee.put(url("post_cycle_rubric", pk), {"sections": RUBRIC}, format="json")
    assert response.status_code == 200, response.content
    rubric = response.json()["rubric"]
    assert rubric["version"] == 2 and rubric["max"] == "100"
    assert rubric["sections"][1] == {
        "name": "业务工作",
        "items": [{"code": "2.1", "text": "服务质量和患者满意度", "max": "50"}],
    }

    refusals = [
        ([], "评分细则至少须有一个部分"),
        ([{"name": "组织建设", "items": []}], "「组织建设」没有评分项目"),
        ([{"name": "组织建设", "items": [{"text": "健全", "max": "0.3"}]}], "0.5 的正整数倍"),
        ([RUBRIC[0], RUBRIC[0]], "部分名称重复：组织建设"),
    ]
    for sections, words in refusals:
        response = committee.put(
            url("post_cycle_rubric", pk), {"sections": sections}, format="json"
        )
        assert response.status_code == 400 and words in response.json()["detail"], sections
    other = client_for(w.reviewer_1)  # an organisation member does not run the cycle
    response = other.put(url("post_cycle_rubric", pk), {"sections": RUBRIC}, format="json")
    assert response.status_code == 404
    assert other.post(url("post_cycle_open", pk)).status_code == 404

    refusals = [
        ({"start_year": 2026}, "须从奇数年开始"),
        ({"filing_deadline": days(-1)}, "创建备案截止日"),
        ({"application_deadline": days(5)}, "申报截止日不能早于创建备案截止日"),
        ({"title": " "}, "请填写届期名称和通知正文"),
    ]
    for overrides, words in refusals:
        response = committee.post(url("post_cycles"), cycle_body(w, **overrides), format="json")
        assert response.status_code == 400 and words in response.json()["detail"], overrides
    for user, org in ((w.secretary_a, w.committee), (w.secretary_a, w.branch_a)):
        response = post(user, "post_cycles", body=cycle_body(w, org=org.pk))
        assert response.status_code == 404


def test_whole_cycle_through_the_api(post_world, django_capture_on_commit_callbacks):
    w = post_world
    committee = client_for(w.committee_secretary)
    committee.raise_request_exception = False
    er_leader = client_for(w.leader_of(w.er))
    secretary_a = client_for(w.secretary_a)
    reviewer = client_for(w.reviewer_1)

    created = committee.post(url("post_cycles"), cycle_body(w), format="json").json()
    pk, reference = created["id"], created["reference"]
    committee.put(url("post_cycle_rubric", pk), {"sections": RUBRIC}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        response = committee.post(url("post_cycle_open", pk))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "filing" and response.json()["notice_number"]
    assert response.json()["accepts_filings"]
    assert committee.post(url("post_cycle_open", pk)).status_code == 400

    # 创建备案: the 号长 sends 急诊科 through branch A; branch A sends 心内科 itself.
    response = er_leader.post(url("post_cycle_filings", pk), filing_body(w.er), format="json")
    assert response.status_code == 201, response.content
    er_filing = response.json()
    assert (er_filing["status"], er_filing["by_unit"]) == ("submitted", False)
    assert er_filing["basic_facts"]["members"] == 10 and er_filing["slogan"] == "青春守护生命"
    assert [t["step_key"] for t in er_filing["active_tasks"]] == ["unit_review"]
    response = secretary_a.post(url("post_cycle_filings", pk), filing_body(w.cardio), format="json")
    cardio_filing = response.json()
    assert (cardio_filing["status"], cardio_filing["by_unit"]) == ("unit_approved", True)
    again = er_leader.post(url("post_cycle_filings", pk), filing_body(w.er), format="json")
    assert again.status_code == 400 and "已在本届期创建备案" in again.json()["detail"]

    response = step(secretary_a, er_filing["reference"], "unit_review", "approve", "同意")
    assert response.status_code == 200, response.content
    for filing in (er_filing, cardio_filing):
        response = step(reviewer, filing["reference"], "committee_file", "approve", "予以备案")
        assert response.status_code == 200 and response.json()["status"] == "filed"

    cycle = Cycle.objects.get(pk=pk)
    timers_fire(cycle, "filing_deadline")
    data = {"application_deadline": days(30)}
    with django_capture_on_commit_callbacks(execute=True):
        response = step(committee, reference, "open_applications", "open_applications", "", data)
    assert response.status_code == 200 and response.json()["status"] == "applying"
    response = committee.put(url("post_cycle_rubric", pk), {"sections": RUBRIC}, format="json")
    assert response.status_code == 400 and "不能再修改" in response.json()["detail"]

    # 申报, each a self-assessment on the cycle's rubric.
    applications = url("post_cycle_applications", pk)
    body = {"collective": w.er.pk, "summary": "两年来围绕优质服务开展创建。", "scores": sheet(90)}
    wrong = {"1.1": "51", "2.1": 4.25, "3.1": "1"}
    response = er_leader.post(applications, {**body, "scores": wrong}, format="json")
    assert response.status_code == 400
    assert response.json()["violations"] == [
        "1.1 创建组织健全：51 分，不在 0–50 分之间",
        "2.1 服务质量和患者满意度：分值「4.25」应为 0.5 的整数倍",
        "评分细则中没有这些项目：3.1",
    ]
    response = er_leader.post(applications, body, format="json")
    assert response.status_code == 201, response.content
    er_app = response.json()
    assert (er_app["status"], er_app["self_total"], er_app["rubric_version"]) == (
        "submitted",
        "90.0",
        2,
    )
    assert er_app["self_scores"] == {"1.1": "50", "2.1": "40"}
    response = secretary_a.post(applications, {**body, "collective": w.cardio.pk}, format="json")
    cardio_app = response.json()
    assert cardio_app["status"] == "unit_approved"
    # A collective that did not file cannot apply.
    other = client_for(w.leader_of(w.others[0]))
    response = other.post(applications, {**body, "collective": w.others[0].pk}, format="json")
    assert response.status_code == 400 and "未在本届期创建备案" in response.json()["detail"]

    step(secretary_a, er_app["reference"], "unit_review", "approve", "同意申报")
    for application in (er_app, cardio_app):
        response = step(reviewer, application["reference"], "committee_check", "approve", "通过")
        assert response.status_code == 200 and response.json()["status"] == "qualified"

    timers_fire(cycle, "application_deadline")
    response = step(committee, reference, "start_peer_review", "start_peer_review", "开始")
    assert response.status_code == 200 and response.json()["status"] == "peer_review"

    # 互检互查: the four other collectives score each applicant; one sheet for 心内科 waits.
    er_totals = {w.cardio: 95, w.others[0]: 92, w.others[1]: 90, w.others[2]: 60}
    cardio_totals = {w.er: 70, w.others[0]: 72, w.others[1]: 75}
    for application, totals in ((er_app, er_totals), (cardio_app, cardio_totals)):
        for collective, total in totals.items():
            response = review_submit(w, collective, application["id"], total)
            assert response.status_code == 200, response.content
            assert response.json()["total"] == f"{total}.0" and response.json()["submitted_at"]
    again = review_submit(w, w.cardio, er_app["id"], 90)
    assert again.status_code == 400 and "不能重复提交" in again.json()["detail"]

    assert secretary_a.get(url("post_cycle_results", pk)).status_code == 404
    results = committee.get(url("post_cycle_results", pk)).json()
    assert (results["status"], results["missing"]) == ("peer_review", 1)
    by_id = {r["application"]: r for r in results["applications"]}
    er_result = by_id[er_app["id"]]
    lines = {
        (r["reviewer_collective_name"], r["total"], r["outlier"]) for r in er_result["reviews"]
    }
    assert lines == {
        ("心内科", "95.0", False),
        ("外科1病区", "92.0", False),
        ("外科2病区", "90.0", False),
        ("外科3病区", "60.0", True),
    }
    assert (er_result["count"], er_result["missing"], er_result["mean"]) == (4, 0, "91.00")
    assert (er_result["trimmed"], er_result["dropped"]) == (True, ["95.0", "60.0"])
    assert er_result["suggested_stars"] == 2
    assert er_result["summary"] == "互检互查 4 份，去掉最高分 95.0、最低分 60.0 后平均 91.00 分"
    cardio_result = by_id[cardio_app["id"]]
    assert (cardio_result["count"], cardio_result["missing"]) == (3, 1)
    assert (cardio_result["mean"], cardio_result["suggested_stars"]) == ("72.00", 0)
    assert {r["submitted_at"] is None for r in cardio_result["reviews"]} == {True, False}

    # 团委评定: missing sheets hold it until the committee stops waiting; stars are checked.
    response = step(committee, reference, "assessment", "publish_assessment", "", {"stars": {}})
    assert (
        response.status_code == 400 and "尚有 1 份互检互查评分未提交" in response.json()["detail"]
    )
    er_key = str(er_app["id"])
    for wrong in (["甲"], "二星", 2, {"急诊科": 2}, {er_key: "二"}, {er_key: None}, {er_key: 5}):
        data = {"stars": wrong, "allow_missing": True}
        response = step(committee, reference, "assessment", "publish_assessment", "", data)
        assert response.status_code == 400, (wrong, response.content)
    data = {"stars": {er_key: 3}, "allow_missing": True}
    response = step(committee, reference, "assessment", "publish_assessment", "", data)
    assert response.status_code == 400
    assert response.json()["violations"] == [
        "急诊科：互检互查平均 91.00 分，未达到三星级所需的 95 分"
    ]
    data = {"stars": {er_key: 2, str(cardio_app["id"]): 0}, "allow_missing": True}
    with django_capture_on_commit_callbacks(execute=True):
        response = step(committee, reference, "assessment", "publish_assessment", "评定", data)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_publicity"
    rows = committee.get(applications).json()["results"]
    assert {r["id"]: (r["status"], r["stars"], r["peer_mean"], r["peer_count"]) for r in rows} == {
        er_app["id"]: ("in_publicity", 2, "91.00", 4),
        cardio_app["id"]: ("not_recognised", None, "72.00", 3),
    }
    assert committee.get(applications, {"status": "in_publicity"}).json()["count"] == 1

    timers_fire(cycle)  # the 公示 ends without objections
    assert cycle.status == "recognition"
    with django_capture_on_commit_callbacks(execute=True):
        response = step(committee, reference, "recognise", "issue_recognition", "印发")
    assert response.status_code == 200, response.content

    detail = committee.get(url("post_cycle", pk)).json()
    assert detail["status"] == "decided" and detail["decision_number"]
    assert detail["decided_on"] == timezone.localdate().isoformat()
    assert detail["active_tasks"] == []
    (recognition,) = er_leader.get(url("recognitions")).json()["results"]
    assert (recognition["collective_name"], recognition["stars"], recognition["status"]) == (
        "急诊科",
        2,
        "active",
    )
    assert recognition["application"] == er_app["id"] and recognition["cycle"] == pk
    assert recognition["document_number"] == detail["decision_number"]
    assert [(e["kind"], e["stars_after"]) for e in recognition["events"]] == [("recognised", 2)]
    record = er_leader.get(url("collective", w.er.pk)).json()["recognitions"]
    assert [r["id"] for r in record] == [recognition["id"]]
    assert client_for(w.secretary_b).get(url("recognitions")).json()["count"] == 0
    assert client_for(w.secretary_b).get(url("recognition", recognition["id"])).status_code == 404


def test_filing_and_application_refusals(post_world):
    w = post_world
    cycle, leader = cycle_for(w), w.leader_of(w.er)
    # Before the 创建通知 the cycle is the committee's own.
    response = post(leader, "post_cycle_filings", cycle.pk, body=filing_body(w.er))
    assert response.status_code == 404
    assert client_for(leader).get(url("post_cycle_filings", cycle.pk)).status_code == 404
    services.cycle_open(cycle=cycle, by=w.committee_secretary)

    response = post(leader, "post_cycle_filings", cycle.pk, body=filing_body(w.cardio))
    assert response.status_code == 400
    assert response.json()["violations"] == ["不是您可以报送的集体"]
    response = post(w.secretary_b, "post_cycle_filings", cycle.pk, body=filing_body(w.er))
    assert response.status_code == 400
    assert response.json()["violations"] == ["不是您可以报送的集体"]
    response = post(leader, "post_cycle_filings", cycle.pk, body=filing_body(w.er, plan=" "))
    assert response.status_code == 400 and response.json()["violations"] == ["请填写：创建规划"]
    old = collective_with(w.branch_a, "老年科", leader_age=45, leader="ln_hz")
    response = post(old.leader.user, "post_cycle_filings", cycle.pk, body=filing_body(old))
    assert response.status_code == 400
    assert response.json()["violations"][0].startswith("老年科：号长 老年科号长")

    body = {"collective": w.er.pk, "summary": "总结", "scores": sheet(90)}
    response = post(leader, "post_cycle_applications", cycle.pk, body=body)
    assert response.status_code == 400
    assert response.json()["violations"] == [f"「{cycle.title}」当前为「创建备案」阶段，不受理"]

    Cycle.objects.filter(pk=cycle.pk).update(
        filing_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = post(leader, "post_cycle_filings", cycle.pk, body=filing_body(w.er))
    assert response.status_code == 400 and "截止" in response.json()["detail"]


def test_branch_b_sees_nothing_of_branch_a(post_world, reviewing):
    w = post_world
    cycle, application, cardio = reviewing
    recognition = services.recognition_import(
        collective=w.cardio,
        title="2023—2024年度委团委青年文明号",
        stars=1,
        recognised_on=datetime.date(2024, 12, 1),
        document_number="卫团发〔2024〕9号",
        by=w.committee_secretary,
        awarded_by=w.committee,
    )
    other, own = client_for(w.secretary_b), client_for(w.secretary_a)
    case = reverse("api:case", args=[APPLICATION, application.pk])
    for path in (
        url("collective", w.er.pk),
        url("recognition", recognition.pk),
        case,
    ):
        assert other.get(path).status_code == 404, path
        assert own.get(path).status_code == 200, path
    assert post(w.secretary_b, "collective_people", w.er.pk, body={}).status_code == 404
    assert other.get(url("post_cycle_applications", cycle.pk)).json()["count"] == 0
    assert other.get(url("post_cycle_filings", cycle.pk)).json()["count"] == 0
    assert other.get(url("recognitions")).json()["count"] == 0
    assert other.get(url("post_cycle_results", cycle.pk)).status_code == 404
    rows = own.get(url("post_cycle_applications", cycle.pk)).json()["results"]
    assert {r["id"] for r in rows} == {application.pk, cardio.pk}

    # A score sheet is its reviewer's alone, even for someone who sees the applicant.
    review = PeerReview.objects.get(application=application, reviewer_collective=w.cardio)
    for user in (w.secretary_b, w.leader_of(w.er), w.leader_of(w.others[0])):
        client = client_for(user)
        assert client.get(url("peer_review", review.pk)).status_code == 404
        response = client.post(url("peer_review", review.pk), {"scores": {}}, format="json")
        assert response.status_code == 404
        assert review.pk not in [r["id"] for r in client.get(url("peer_reviews")).json()["results"]]
    sheet_view = client_for(w.leader_of(w.cardio)).get(url("peer_review", review.pk)).json()
    assert sheet_view["collective_name"] == "急诊科" and sheet_view["submitted_at"] is None
    assert sheet_view["rubric"]["version"] == 1 and sheet_view["summary"]


def test_yearly_review_through_the_api(post_world):
    w = post_world
    recognition = services.recognition_import(
        collective=w.er,
        title="2023—2024年度委团委青年文明号",
        stars=3,
        recognised_on=datetime.date(2024, 12, 1),
        document_number="卫团发〔2024〕9号",
        by=w.committee_secretary,
        awarded_by=w.committee,
    )
    start = {"committee": w.committee.pk, "year": timezone.localdate().year + 1}
    response = post(w.committee_secretary, "post_yearly_reviews", body=start)
    assert response.status_code == 400 and "尚未到来" in response.json()["detail"]
    start["year"] = 2026
    assert post(w.secretary_a, "post_yearly_reviews", body=start).status_code == 404
    response = post(w.committee_secretary, "post_yearly_reviews", body=start)
    assert response.status_code == 201, response.content
    (review,) = response.json()
    assert (review["status"], review["collective_name"], review["stars_before"]) == (
        "reporting",
        "急诊科",
        3,
    )
    again = post(w.committee_secretary, "post_yearly_reviews", body=start)
    assert again.status_code == 400 and "没有需要进行 2026 年度复核" in again.json()["detail"]

    committee = client_for(w.committee_secretary)
    listed = url("post_yearly_reviews")
    assert committee.get(listed, {"year": 2026}).json()["count"] == 1
    assert committee.get(listed, {"year": 2025}).json()["count"] == 0
    assert committee.get(listed, {"status": "passed"}).json()["count"] == 0
    assert "year" in committee.get(listed, {"year": "今年"}).json()["fields"]
    assert client_for(w.secretary_b).get(listed).json()["count"] == 0

    leader, reviewer = client_for(w.leader_of(w.er)), client_for(w.reviewer_1)
    reviewer.raise_request_exception = False
    response = step(
        leader, review["reference"], "report", "submit_yearly_report", "", {"report": " "}
    )
    assert response.status_code == 400 and "请填写年度创建工作报告" in response.json()["detail"]
    data = {"report": "全年无有效投诉，满意度 97%。"}
    response = step(leader, review["reference"], "report", "submit_yearly_report", "", data)
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    for stars in (["二"], "二星", None, 3):
        data = {"stars": stars}
        response = step(reviewer, review["reference"], "review", "downgrade", "满意度下降", data)
        assert response.status_code == 400, (stars, response.content)
    response = step(
        reviewer, review["reference"], "review", "downgrade", "满意度下降", {"stars": 2}
    )
    assert response.status_code == 200 and response.json()["status"] == "downgraded"

    body = committee.get(url("recognition", recognition.pk)).json()
    assert body["stars"] == 2
    assert [(e["kind"], e["stars_before"], e["stars_after"]) for e in body["events"]] == [
        ("recognised", None, 3),
        ("downgraded", 3, 2),
    ]


MALFORMED = [
    ("collectives", {"org": "心内科团支部", "kind": "ward"}, {"org", "kind"}),
    ("collectives", {"name": "科" * 121, "kind": None}, {"name", "kind"}),
    ("people", {"gender": "M", "birth_date": "昨天"}, {"gender", "birth_date"}),
    ("people", {"name": "名" * 51, "role": "boss", "post": ["护师"]}, {"name", "role", "post"}),
    (
        "cycles",
        {"start_year": "明年", "filing_deadline": "下周"},
        {"start_year", "filing_deadline"},
    ),
    ("cycles", {"org": 2**70, "notice": None, "start_year": 1999}, {"org", "notice", "start_year"}),
    ("cycles", {"notice": "通" * 6001, "title": "届" * 121}, {"notice", "title"}),
    ("rubric", {"sections": "组织建设 20"}, {"sections"}),
    ("rubric", {"sections": {"组织建设": 20}}, {"sections"}),
    ("rubric", {"sections": [{"name": None, "items": "健全 20"}]}, {"sections"}),
    (
        "rubric",
        {"sections": [{"name": "组织", "items": [{"text": "健全", "max": "NaN"}]}]},
        {"sections"},
    ),
    (
        "rubric",
        {"sections": [{"name": "组织", "items": [{"text": "健全", "max": "Infinity"}]}]},
        {"sections"},
    ),
    (
        "rubric",
        {"sections": [{"name": "组织", "items": [{"text": "健全", "max": "1e100"}]}]},
        {"sections"},
    ),
    (
        "rubric",
        {"sections": [{"name": "组织", "items": [{"text": "", "max": True}]}]},
        {"sections"},
    ),
    ("filings", {"collective": "急诊科", "plan": ["规划"]}, {"collective", "plan"}),
    ("filings", {"slogan": "号" * 61, "pledge": None}, {"slogan", "pledge"}),
    ("applications", {"scores": ["4.5"], "summary": None}, {"scores", "summary"}),
    ("applications", {"scores": {"1.1": "NaN"}}, {"scores"}),
    ("applications", {"scores": {"1.1": "1e100"}}, {"scores"}),
    ("applications", {"collective": -1, "scores": {"1.1": None}}, {"collective", "scores"}),
    ("yearly", {"committee": "委团委", "year": 1999}, {"committee", "year"}),
]

VALID = {
    "collectives": lambda w: {"org": w.branch_a.pk, "name": "儿科", "kind": "team"},
    "people": lambda w: {"name": "甲", "gender": "女", "birth_date": "1995-01-01"},
    "cycles": lambda w: cycle_body(w),
    "rubric": lambda w: {"sections": RUBRIC},
    "filings": lambda w: filing_body(w.er),
    "applications": lambda w: {"collective": w.er.pk, "summary": "总结", "scores": sheet(90)},
    "yearly": lambda w: {"committee": w.committee.pk, "year": 2026},
}


@pytest.mark.parametrize(("endpoint", "body", "fields"), MALFORMED)
def test_malformed_payloads_are_400(post_world, endpoint, body, fields):
    w = post_world
    cycle = cycle_for(w)  # a draft: the committee sees and runs it
    paths = {
        "collectives": url("collectives"),
        "people": url("collective_people", w.er.pk),
        "cycles": url("post_cycles"),
        "rubric": url("post_cycle_rubric", cycle.pk),
        "filings": url("post_cycle_filings", cycle.pk),
        "applications": url("post_cycle_applications", cycle.pk),
        "yearly": url("post_yearly_reviews"),
    }
    client = client_for(w.committee_secretary)
    client.raise_request_exception = False
    method = client.put if endpoint == "rubric" else client.post
    response = method(paths[endpoint], {**VALID[endpoint](w), **body}, format="json")
    assert response.status_code == 400, response.content
    assert fields <= set(response.json()["fields"]), response.json()


@pytest.mark.parametrize(
    "body",
    [
        {"scores": {"1.1": "NaN"}},
        {"scores": {"1.1": "1e100"}},
        {"scores": "满分"},
        {"scores": {}, "comment": "评" * 2001},
    ],
)
def test_malformed_score_sheets_are_400(post_world, reviewing, body):
    w = post_world
    _cycle, application, _cardio = reviewing
    review = PeerReview.objects.get(application=application, reviewer_collective=w.cardio)
    client = client_for(w.leader_of(w.cardio))
    client.raise_request_exception = False
    response = client.post(url("peer_review", review.pk), body, format="json")
    assert response.status_code == 400, response.content
    assert set(body) & set(response.json()["fields"]), response.json()


def test_an_infinite_star_level_is_400_not_500(post_world, reviewing):
    cycle, application, _cardio = reviewing
    client = client_for(post_world.committee_secretary)
    client.raise_request_exception = False
    task = take_task(client, cycle.reference)
    # A JSON number beyond float range: Python's parser reads it as infinity.
    body = '{"action": "publish_assessment", "data": {"stars": {"ID": 1e400}}}'
    body = body.replace("ID", str(application.pk))
    response = client.post(url("task_act", task["id"]), body, content_type="application/json")
    assert response.status_code == 400


def test_form_encoded_and_non_object_bodies_are_refused(post_world):
    w = post_world
    cycle = cycle_for(w)
    client = client_for(w.committee_secretary)
    client.raise_request_exception = False
    response = client.post(url("collectives"), {"org": 1}, format="multipart")
    assert response.status_code == 415
    response = client.put(url("post_cycle_rubric", cycle.pk), {"sections": 1}, format="multipart")
    assert response.status_code == 415
    for path in (
        url("collectives"),
        url("collective_people", w.er.pk),
        url("post_cycles"),
        url("post_cycle_filings", cycle.pk),
        url("post_cycle_applications", cycle.pk),
        url("post_yearly_reviews"),
    ):
        response = client.post(path, [1, 2], format="json")
        assert response.status_code in (400, 404), (path, response.content)
    response = client.put(url("post_cycle_rubric", cycle.pk), [1, 2], format="json")
    assert response.status_code == 400


def test_schema_lists_the_civilization_endpoints(post_world):
    response = client_for(post_world.secretary_a).get(reverse("schema"))
    assert response.status_code == 200
    for path in (
        b"/api/v1/collectives/",
        b"/api/v1/collectives/{id}/",
        b"/api/v1/collectives/{id}/people/",
        b"/api/v1/post-cycles/",
        b"/api/v1/post-cycles/{id}/",
        b"/api/v1/post-cycles/{id}/open/",
        b"/api/v1/post-cycles/{id}/rubric/",
        b"/api/v1/post-cycles/{id}/filings/",
        b"/api/v1/post-cycles/{id}/applications/",
        b"/api/v1/post-cycles/{id}/results/",
        b"/api/v1/peer-reviews/",
        b"/api/v1/peer-reviews/{id}/",
        b"/api/v1/recognitions/",
        b"/api/v1/recognitions/{id}/",
        b"/api/v1/post-yearly-reviews/",
    ):
        assert path in response.content, path


def test_generated_requests_pass_every_check(post_world, reviewing):
    """Schema-generated requests against the 青年文明号 endpoints, every check
    (tests/api/fuzz.py)."""
    w = post_world
    cycle, _er, _cardio = reviewing
    cycle_for(w, title="草拟中的届期")
    token, _ = Token.objects.get_or_create(user=w.committee_secretary)
    exercise = schema_exercise(
        headers={"Authorization": f"Token {token.key}"},
        max_examples=15,
        path_regex=r"^/api/v1/(collectives|post-cycles|peer-reviews|recognitions|post-yearly)",
        known={"id": cycle.pk},
    )
    assert len(exercise.operations) == 21
    assert exercise.failures == []
