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

    branch_review = HumanTask(router=routing.branch_secretary).Next(this.after_branch_review)
    after_branch_review = (
        flow.Switch()
        .Case(this.branch_meeting, status_is(Status.BRANCH_APPROVED))
        .Case(this.revise, status_is(Status.RETURNED))
        .Default(this.end)
    )

    revise = HumanTask(router=routing.applicant).Next(this.after_revise)
    after_revise = (
        flow.Switch().Case(this.branch_review, status_is(Status.SUBMITTED)).Default(this.end)
    )

    branch_meeting = HumanTask(router=routing.branch_secretary).Next(this.after_branch_meeting)
    after_branch_meeting = (
        flow.Switch()
        .Case(this.committee_review, status_is(Status.MEETING_PASSED))
        .Case(this.branch_review, status_is(Status.SUBMITTED))
        .Case(this.revise, status_is(Status.RETURNED))
        .Default(this.end)
    )

    committee_review = HumanTask(router=routing.committee_reviewers).Next(
        this.after_committee_review
    )
    after_committee_review = (
        flow.Switch()
        .Case(this.publicity_window, status_is(Status.IN_PUBLICITY))
        .Case(this.branch_meeting, status_is(Status.BRANCH_APPROVED))
        .Case(this.revise, status_is(Status.RETURNED))
        .Default(this.end)
    )

    # The 公示 runs to the end of its window, unless a 实名 objection comes first: it resumes
    # this wait (services.application_object), so the committee's 异议核查 is in its inbox at once.
    publicity_window = (
        flow.Handle()
        .OnTimeout(_publicity_end, this.publicity_close, title="公示期满")
        .Next(this.objection_review)
    )
    publicity_close = flow.Function(this.close_publicity).Next(this.after_publicity)
    after_publicity = (
        flow.Switch()
        .Case(this.recommend, status_is(Status.PUBLICITY_PASSED))
        .Default(this.objection_review)
    )

    objection_review = HumanTask(router=routing.committee_secretary).Next(
        this.after_objection_review
    )
    # Dismissed while the window runs, the 公示 goes on; dismissed after it, the 公示 closes.
    after_objection_review = (
        flow.Switch()
        .Case(this.publicity_window, status_is(Status.IN_PUBLICITY))
        .Case(this.publicity_close, status_is(Status.PUBLICITY_PASSED))
        .Default(this.end)
    )

    recommend = HumanTask(router=routing.committee_secretary).Next(this.after_recommend)
    after_recommend = (
        flow.Switch()
        .Case(this.party_decision, status_is(Status.RECOMMENDED))
        .Case(this.committee_review, status_is(Status.MEETING_PASSED))
        .Default(this.end)
    )

    party_decision = HumanTask(router=routing.party_secretary).Next(this.after_party_decision)
    after_party_decision = (
        flow.Switch().Case(this.recommend, status_is(Status.PUBLICITY_PASSED)).Default(this.end)
    )

    end = flow.End()

    def close_publicity(self, activation) -> None:
        services.application_publicity_close(application=self.case_of(activation.process))
