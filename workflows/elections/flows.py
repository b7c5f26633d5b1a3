"""换届选举 and term-change routing. Nodes only: each human step ends in one service call
(services.py), and the switches read the case status that call produced."""

from __future__ import annotations

from viewflow import this
from viewflow.workflow import flow

from workflows.engine.flow import CaseFlow, status_is
from workflows.engine.nodes import HumanTask

from . import routing
from .models import Election, Status, TermChange


class ElectionFlow(CaseFlow):
    process_title = "团支部换届选举"
    case_model = Election

    start = flow.StartHandle(this.start_case).Next(this.first_review)
    first_review = (
        flow.Switch()
        .Case(this.party_review, status_is(Status.PARTY_REVIEW))
        .Default(this.plan_review)
    )

    party_review = HumanTask(router=routing.party_secretary).Next(this.after_party_review)
    after_party_review = (
        flow.Switch().Case(this.plan_review, status_is(Status.PLAN_REVIEW)).Default(this.revise)
    )

    plan_review = HumanTask(router=routing.committee_reviewers).Next(this.after_plan_review)
    after_plan_review = (
        flow.Switch()
        .Case(this.meeting, status_is(Status.APPROVED))
        .Case(this.revise, status_is(Status.RETURNED))
        .Default(this.end)
    )

    revise = HumanTask(router=routing.branch_secretary).Next(this.after_revise)
    after_revise = (
        flow.Switch()
        .Case(this.first_review, status_is(Status.PARTY_REVIEW, Status.PLAN_REVIEW))
        .Default(this.end)
    )

    meeting = HumanTask(router=routing.branch_secretary).Next(this.after_meeting)
    after_meeting = (
        flow.Switch()
        .Case(this.first_committee_meeting, status_is(Status.ELECTED))
        .Default(this.meeting)
    )

    first_committee_meeting = HumanTask(router=routing.branch_secretary).Next(this.report)

    report = HumanTask(router=routing.branch_secretary).Next(this.result_review)

    result_review = HumanTask(router=routing.committee_reviewers).Next(this.after_result_review)
    after_result_review = (
        flow.Switch().Case(this.end, status_is(Status.CONFIRMED)).Default(this.report)
    )

    end = flow.End()


class TermChangeFlow(CaseFlow):
    process_title = "延期/提前换届"
    case_model = TermChange

    start = flow.StartHandle(this.start_case).Next(this.review)
    review = HumanTask(router=routing.committee_reviewers).Next(this.end)
    end = flow.End()
