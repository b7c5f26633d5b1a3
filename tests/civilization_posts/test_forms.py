"""A returned 创建备案 or 申报 opens with what was sent on its revise page."""

import pytest

from tests.cases import open_task
from tests.pages import revise_page_resubmit
from workflows.civilization_posts import services

from .helpers import act, cycle_for, filed, full_scores, timers_fire

pytestmark = pytest.mark.django_db

FILING = {
    "plan": "三年创建规划𠮷：\n规范服务、提升质量。",
    "targets": "患者满意度达到 98% 以上。",
    "carriers": "青年志愿服务岗、技能练兵。",
    "slogan": "青春守护生命",
    "pledge": "微笑服务，零投诉。",
}


@pytest.fixture
def open_cycle(post_world, django_capture_on_commit_callbacks):
    cycle = cycle_for(post_world)
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_open(cycle=cycle, by=post_world.committee_secretary)
    return cycle


def test_a_returned_filing_opens_with_what_was_filed_and_goes_back_unchanged(
    client, post_world, open_cycle
):
    w = post_world
    filing = services.filing_submit(
        cycle=open_cycle, collective=w.cardio, by=w.secretary_a, **FILING
    )
    act(filing, "committee_file", w.reviewer_1, "return", "口号请再提炼")
    client.force_login(w.secretary_a)
    shown, response = revise_page_resubmit(client, open_task(filing, "revise"))
    assert {name: shown[name] for name in FILING} == {
        name: [value] for name, value in FILING.items()
    }
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.status == "unit_approved"
    assert {name: getattr(filing, name) for name in FILING} == FILING


def test_a_returned_application_opens_with_its_summary_and_every_score(
    client, post_world, open_cycle, django_capture_on_commit_callbacks
):
    w = post_world
    with django_capture_on_commit_callbacks(execute=True):
        filed(w, open_cycle, w.er, w.leader_of(w.er))
        timers_fire(open_cycle, "filing_deadline")
        act(open_cycle, "open_applications", w.committee_secretary, "open_applications")
    rubric = open_cycle.rubric_version().rubric
    scores = full_scores(rubric, "3.5")
    application = services.application_submit(
        cycle=open_cycle,
        collective=w.er,
        summary="两年来围绕优质服务开展创建𠮷。",
        scores=scores,
        by=w.leader_of(w.er),
    )
    act(application, "unit_review", w.secretary_a, "approve", "同意")
    act(application, "committee_check", w.reviewer_1, "return", "请补充创建台账")
    client.force_login(w.leader_of(w.er))
    shown, response = revise_page_resubmit(client, open_task(application, "revise"))
    assert shown["summary"] == ["两年来围绕优质服务开展创建𠮷。"]
    assert {item.code: shown[f"score_{item.code.replace('.', '_')}"] for item in rubric.items} == {
        code: ["3.5"] for code in scores
    }
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.self_scores == {code: "3.5" for code in scores}
