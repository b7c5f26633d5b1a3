"""What a process declares is what the engine does: step deadlines are rulebook settings, the
actions and their opinion rules come from the step, the step's input is checked before its
handler runs, and the task page shows the step's own fields with the case's rule numbers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.cases import act, open_task, passing_vote
from tests.factories import RulebookFactory
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.services.acting import task_act
from workflows.party_recommendation.models import Status
from workflows.party_recommendation.services import application_submit
from workflows.rules.calendar import working_days_add
from workflows.rules.defaults import DEADLINES, LABELS, settings_for

pytestmark = pytest.mark.django_db

BRANCH_REVIEW_DEADLINE = "due_party_recommendation_branch_review"


def test_every_working_days_step_has_a_rulebook_deadline_with_its_default():
    setting = DEADLINES["party_recommendation"][BRANCH_REVIEW_DEADLINE]
    assert (setting.default, setting.minimum) == (5, 1)
    assert LABELS[BRANCH_REVIEW_DEADLINE] == "推优入党·团支部审核办理期限（工作日）"
    assert BRANCH_REVIEW_DEADLINE in settings_for("party_recommendation")
    assert "due_election_revise" in DEADLINES["election"]
    # A step due on a date the case gives (the election meeting) has no working-days setting.
    assert "due_election_meeting" not in DEADLINES["election"]


def test_a_committee_rulebook_sets_a_steps_deadline(world, round_a):
    RulebookFactory(committee=world.committee, settings={BRANCH_REVIEW_DEADLINE: 2})
    application = application_submit(
        member=world.applicant, round=round_a, statement="志愿服务。", by=world.applicant_user
    )
    assert application.rules_snapshot["values"][BRANCH_REVIEW_DEADLINE] == 2
    due = working_days_add(start=timezone.localdate(), days=2)
    assert open_task(application, "branch_review").data["due_on"] == due.isoformat()


def test_a_case_recorded_before_the_setting_existed_reads_todays_rules(world, submitted):
    values = submitted.rules_snapshot["values"]
    del values["due_party_recommendation_branch_meeting"]
    submitted.save(update_fields=["rules_snapshot"])
    RulebookFactory(
        committee=world.committee, settings={"due_party_recommendation_branch_meeting": 3}
    )
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    due = working_days_add(start=timezone.localdate(), days=3)
    assert open_task(submitted, "branch_meeting").data["due_on"] == due.isoformat()


def test_the_declared_actions_and_their_opinion_rules_hold(world, submitted):
    task = open_task(submitted, "branch_review")
    with pytest.raises(NotAllowed, match="此环节不能执行「record_vote」"):
        task_act(task=task, by=world.secretary_a, action="record_vote")
    with pytest.raises(CaseError, match="「退回申请人修改」须填写意见"):
        task_act(task=task, by=world.secretary_a, action="return", opinion=" ")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_steps_input_is_checked_before_its_handler_and_nothing_is_applied(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    data = {**passing_vote(), "meeting_date": "上周五", "present": "四十"}
    with pytest.raises(CaseError) as refused:
        act(submitted, "branch_meeting", world.secretary_a, "record_vote", data=data)
    assert refused.value.messages == [
        "会议日期「上周五」不是有效日期（应为 2026-11-25 格式）",
        "实到会人数：请填写合法的整数值。",
    ]
    assert submitted.status == Status.BRANCH_APPROVED
    assert open_task(submitted, "branch_meeting").status != "DONE"


def test_the_task_page_states_the_tally_rule_in_the_cases_numbers(client, world, round_a):
    RulebookFactory(
        committee=world.committee,
        settings={"quorum_fraction": "2/3", "pass_fraction": "3/5"},
    )
    application = application_submit(
        member=world.applicant, round=round_a, statement="志愿服务。", by=world.applicant_user
    )
    act(application, "branch_review", world.secretary_a, "approve", "同意")
    client.force_login(world.secretary_a)
    task = open_task(application, "branch_meeting")
    page = client.get(reverse("engine:task", args=[task.pk])).content.decode()
    assert "实到会须超过应到会的三分之二" in page
    assert "赞成票须超过应到会（不是实到会）人数的五分之三" in page
    assert 'name="should_attend"' in page and 'name="statement"' not in page
