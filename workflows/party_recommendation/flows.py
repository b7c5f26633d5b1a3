"""推优入党 routing. Nodes only: each human step ends in one service call (services.py), and the
switches read the case status that call produced."""

from __future__ import annotations

import datetime

from viewflow import this
from viewflow.workflow import flow

from workflows.engine.flow import CaseFlow, midnight_after, status_is
from workflows.engine.nodes import HumanTask
from workflows.engine.services.publicity import publicity_latest

from . import routing, services
from .models import Application, Status


def _publicity_end(activation) -> datetime.datetime:
    application = activation.flow_class.case_of(activation.process)
    return midnight_after(publicity_latest(application).ends_on)


class PartyRecommendationFlow(CaseFlow):
    process_title = "推优入党"
    case_model = Application

    start = flow.StartHandle(this.start_case).Next(this.branch_review)

    branch_review = HumanTask(
        step="团支部审核",
        router=routing.branch_secretary,
        actions=("approve", "return", "reject"),
        due_working_days=5,
    ).Next(this.after_branch_review)
    after_branch_review = (
        flow.Switch()
        .Case(this.branch_meeting, status_is(Status.BRANCH_APPROVED))
        .Case(this.revise, status_is(Status.RETURNED))
        .Default(this.end)
    )

    revise = HumanTask(
        step="申请人修改",
        router=routing.applicant,
        actions=("resubmit", "withdraw"),
        due_working_days=10,
        recuse=False,
    ).Next(this.after_revise)
    after_revise = (
        flow.Switch().Case(this.branch_review, status_is(Status.SUBMITTED)).Default(this.end)
    )

    branch_meeting = HumanTask(
        step="团员大会表决",
        router=routing.branch_secretary,
        actions=("record_vote", "return", "return_previous"),
        due_working_days=20,
    ).Next(this.after_branch_meeting)
    after_branch_meeting = (
        flow.Switch()
        .Case(this.committee_review, status_is(Status.MEETING_PASSED))
        .Case(this.branch_review, status_is(Status.SUBMITTED))
        .Case(this.revise, status_is(Status.RETURNED))
        .Default(this.end)
    )

    committee_review = HumanTask(
        step="团委审核",
        router=routing.committee_reviewers,
        actions=("approve", "return", "return_previous", "reject"),
        due_working_days=10,
    ).Next(this.after_committee_review)
    after_committee_review = (
        flow.Switch()
        .Case(this.publicity_window, status_is(Status.IN_PUBLICITY))
        .Case(this.branch_meeting, status_is(Status.BRANCH_APPROVED))
        .Case(this.revise, status_is(Status.RETURNED))
        .Default(this.end)
    )

    publicity_window = flow.Timer(_publicity_end).Next(this.publicity_close)
    publicity_close = flow.Function(this.close_publicity).Next(this.after_publicity)
    after_publicity = (
        flow.Switch()
        .Case(this.recommend, status_is(Status.PUBLICITY_PASSED))
        .Default(this.objection_review)
    )

    objection_review = HumanTask(
        step="公示异议核查",
        router=routing.committee_secretary,
        actions=("dismiss", "uphold"),
        due_working_days=10,
    ).Next(this.after_objection_review)
    after_objection_review = (
        flow.Switch().Case(this.recommend, status_is(Status.PUBLICITY_PASSED)).Default(this.end)
    )

    recommend = HumanTask(
        step="团委推荐",
        router=routing.committee_secretary,
        actions=("approve", "return_previous", "reject"),
        due_working_days=5,
    ).Next(this.after_recommend)
    after_recommend = (
        flow.Switch()
        .Case(this.party_decision, status_is(Status.RECOMMENDED))
        .Case(this.committee_review, status_is(Status.MEETING_PASSED))
        .Default(this.end)
    )

    party_decision = HumanTask(
        step="党组织决定",
        router=routing.party_secretary,
        actions=("accept", "decline", "return_previous"),
        due_working_days=20,
    ).Next(this.after_party_decision)
    after_party_decision = (
        flow.Switch().Case(this.recommend, status_is(Status.PUBLICITY_PASSED)).Default(this.end)
    )

    end = flow.End()

    def close_publicity(self, activation) -> None:
        services.application_publicity_close(application=self.case_of(activation.process))
