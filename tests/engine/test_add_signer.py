"""加签: the holder of a task adds someone to sign before them (前加签: the added person signs
first, then the task returns to them) or after them (后加签: after their approval the added
person must agree too); audited, notified, within the case's scope, never its subject."""

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.cases import act, open_task, to_committee_review
from tests.factories import RulebookFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.services.signers import task_signer_add
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_act, application_submit

pytestmark = pytest.mark.django_db

OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
MODE = "signers_party_recommendation_committee_review"


def _claimed_review(world, application):
    """The committee review, claimed from the shared queue by 李组织."""
    to_committee_review(world, application)
    task = open_task(application, "committee_review")
    from workflows.engine.services.tasks import task_claim

    task_claim(task=task, by=world.reviewer_1)
    return task


def _seat(application, user):
    return Task.objects.get(process_id=application.process_id, owner=user, status__in=OPEN)


def _add(task, user, by, position, reason="请书记把关。"):
    task_signer_add(task=task, user=user, position=position, reason=reason, by=by)


def test_before_the_added_person_signs_first_then_the_task_returns(world, submitted):
    task = _claimed_review(world, submitted)
    _add(task, world.committee_secretary, world.reviewer_1, "before", "涉及推荐名额，请书记先审。")

    event = AuditEvent.objects.get(case_id=submitted.pk, action="task.add_signer")
    assert (event.actor.username, event.before, event.after, event.opinion) == (
        "tw_zuzhi1",
        "李组织",
        "团委审核：前加签 王委书记",
        "涉及推荐名额，请书记先审。",
    )
    note = world.committee_secretary.notifications.get()
    assert note.text == f"加签待办：{submitted.reference} 团委审核（李组织 请您签署）"
    added = _seat(submitted, world.committee_secretary)
    assert note.url == reverse("engine:task", args=[added.pk])
    with pytest.raises(NotAllowed, match="须等待 王委书记 先签署"):
        application_act(task=task, by=world.reviewer_1, action="approve", opinion="同意")

    application_act(task=added, by=world.committee_secretary, action="approve", opinion="同意")
    submitted.refresh_from_db()
    assert submitted.status == Status.MEETING_PASSED
    assert world.reviewer_1.notifications.filter(text__startswith="请您办理").exists()

    application_act(task=task, by=world.reviewer_1, action="approve", opinion="同意推荐")
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_PUBLICITY
    transitions = AuditEvent.objects.filter(case_id=submitted.pk, action="case.transition")
    assert transitions.filter(after="公示中").count() == 1


def test_after_my_approval_the_added_person_must_agree_before_the_step_completes(world, submitted):
    task = _claimed_review(world, submitted)
    _add(task, world.committee_secretary, world.reviewer_1, "after")
    # Nothing for the added person until the holder agrees.
    assert not world.committee_secretary.notifications.exists()
    application_act(task=task, by=world.reviewer_1, action="approve", opinion="同意")
    submitted.refresh_from_db()
    assert submitted.status == Status.MEETING_PASSED
    added = _seat(submitted, world.committee_secretary)
    assert added.data["sign"]["added"] == "after"
    assert world.committee_secretary.notifications.filter(url__endswith=f"/{added.pk}/").exists()

    application_act(task=added, by=world.committee_secretary, action="approve", opinion="同意")
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_PUBLICITY


def test_an_added_persons_refusal_decides_the_step_at_once(world, submitted):
    task = _claimed_review(world, submitted)
    _add(task, world.committee_secretary, world.reviewer_1, "before")
    added = _seat(submitted, world.committee_secretary)
    application_act(
        task=added, by=world.committee_secretary, action="return", opinion="请补充思想汇报。"
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    task.refresh_from_db()
    assert task.status == STATUS.CANCELED


def test_a_holder_who_does_not_agree_never_seats_whom_they_added_after(world, submitted):
    task = _claimed_review(world, submitted)
    _add(task, world.committee_secretary, world.reviewer_1, "after")
    application_act(task=task, by=world.reviewer_1, action="reject", opinion="不符合条件。")
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED
    assert not Task.objects.filter(process_id=submitted.process_id, owner=world.committee_secretary)


def test_in_any_an_approval_closes_the_others_with_whom_they_added_before(world, round_a):
    RulebookFactory(committee=world.committee, settings={MODE: "any"})
    application = application_submit(
        member=world.applicant, round=round_a, statement="志愿服务。", by=world.applicant_user
    )
    to_committee_review(world, application)
    mine = _seat(application, world.reviewer_1)
    _add(mine, world.committee_secretary, world.reviewer_1, "before")
    added = _seat(application, world.committee_secretary)
    application_act(
        task=_seat(application, world.reviewer_2),
        by=world.reviewer_2,
        action="approve",
        opinion="同意",
    )
    application.refresh_from_db()
    assert application.status == Status.IN_PUBLICITY
    for seat in (mine, added):
        seat.refresh_from_db()
        assert seat.status == STATUS.CANCELED


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("applicant_user", "不能加签案件当事人本人（回避）"),
        ("secretary_b", "孙支书 不在该案件所属组织范围内，不能加签"),
        ("outsider_user", "外科团员 不在该案件所属组织范围内，不能加签"),
        ("reviewer_1", "不能为自己加签"),
    ],
)
def test_who_cannot_be_added(world, submitted, who, message):
    task = _claimed_review(world, submitted)
    with pytest.raises(NotAllowed, match=message):
        _add(task, getattr(world, who), world.reviewer_1, "before")
    assert not AuditEvent.objects.filter(case_id=submitted.pk, action="task.add_signer").exists()
    task.refresh_from_db()
    assert "sign" not in task.data


def test_someone_already_signing_cannot_be_added_again(world, submitted):
    task = _claimed_review(world, submitted)
    _add(task, world.committee_secretary, world.reviewer_1, "after")
    with pytest.raises(NotAllowed, match="王委书记 已是本环节的签署人"):
        _add(task, world.committee_secretary, world.reviewer_1, "before")


def test_only_the_holder_adds_with_a_reason_at_a_review_step(world, submitted):
    task = _claimed_review(world, submitted)
    with pytest.raises(NotAllowed, match="只有当前办理人可以加签"):
        _add(task, world.committee_secretary, world.reviewer_2, "before")
    with pytest.raises(CaseError, match="加签须填写原因"):
        _add(task, world.committee_secretary, world.reviewer_1, "before", reason=" ")
    with pytest.raises(CaseError, match="请选择前加签或后加签"):
        _add(task, world.committee_secretary, world.reviewer_1, "beside")
    task.refresh_from_db()
    assert "sign" not in task.data


def test_a_step_with_its_own_input_cannot_take_added_signers(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    meeting = open_task(submitted, "branch_meeting")
    with pytest.raises(NotAllowed, match="此环节不能加签"):
        _add(meeting, world.deputy_a, world.secretary_a, "before")


def test_the_page_form_adds_a_signer_and_an_outsider_gets_404(client, world, submitted):
    task = _claimed_review(world, submitted)
    url = reverse("engine:task_add_signer", args=[task.pk])
    client.force_login(world.reviewer_1)
    page = client.get(reverse("engine:task", args=[task.pk])).content.decode()
    assert 'data-testid="add-signer"' in page and 'value="tw_shuji"' in page
    assert 'value="applicant"' not in page

    response = client.post(
        url, {"signer": "tw_shuji", "position": "before", "reason": "请书记先审。"}, follow=True
    )
    assert "已前加签：请 王委书记 先签署，之后由您办理" in response.content.decode()
    page = response.content.decode()
    assert "前加签，由 李组织 添加" in page and 'data-testid="sign-waiting"' in page
    assert "但不是办理人" not in page

    response = client.post(
        url, {"signer": "nobody", "position": "after", "reason": "x"}, follow=True
    )
    assert "找不到用户 nobody" in response.content.decode()
    # Waiting for the person added before them, the holder adds nobody else meanwhile.
    response = client.post(
        url, {"signer": "a_shuji", "position": "after", "reason": "x"}, follow=True
    )
    assert "只有当前办理人可以加签" in response.content.decode()

    client.force_login(world.secretary_b)
    response = client.post(url, {"signer": "b_shuji", "position": "before", "reason": "x"})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(case_id=submitted.pk, action="task.add_signer").count() == 1
