"""五四评优 routing: the campaign's own steps, and each nomination's. Nodes only: each human step
ends in one service call (services.py), and the switches read the status that call produced.

A nomination waits on ``campaign_wait`` while the campaign decides for all nominees at once
(panel, 公示, 党委审定, 表彰决定); the campaign's services move it on when it needs a person of
its own (an objection to check) or has reached its end.
"""

from __future__ import annotations

import datetime

from viewflow import this
from viewflow.workflow import flow

from workflows.engine.flow import CaseFlow, midnight_after, status_is
from workflows.engine.nodes import HumanTask
from workflows.engine.services.publicity import publicity_latest

from . import routing, services
from .models import Campaign, CampaignStatus, Nomination, NominationStatus


def _deadline_end(activation) -> datetime.datetime:
    return midnight_after(activation.flow_class.case_of(activation.process).deadline)


def _publicity_end(activation) -> datetime.datetime:
    return midnight_after(
        publicity_latest(activation.flow_class.case_of(activation.process)).ends_on
    )


class CampaignFlow(CaseFlow):
    process_title = "五四评优"
    case_model = Campaign

    start = flow.StartHandle(this.start_case).Next(this.nominating)
    nominating = flow.Timer(_deadline_end).Next(this.panel_open)
    panel_open = flow.Function(this.open_panel).Next(this.panel)
    panel = HumanTask(
        step="评审汇总",
        router=routing.campaign_secretary,
        actions=("publish_shortlist",),
        due_working_days=15,
    ).Next(this.publicity_window)
    publicity_window = flow.Timer(_publicity_end).Next(this.publicity_close)
    publicity_close = flow.Function(this.close_publicity).Next(this.party_review)
    party_review = HumanTask(
        step="党委审定",
        router=routing.campaign_party,
        actions=("confirm",),
        due_working_days=15,
    ).Next(this.decide)
    decide = HumanTask(
        step="印发表彰决定",
        router=routing.campaign_secretary,
        actions=("issue_decision",),
        due_working_days=10,
    ).Next(this.end)
    end = flow.End()

    def open_panel(self, activation) -> None:
        services.campaign_panel_open(campaign=self.case_of(activation.process))

    def close_publicity(self, activation) -> None:
        services.campaign_publicity_close(campaign=self.case_of(activation.process))


def _passed_after_party_review(activation) -> bool:
    """Cleared of an objection once the party has already confirmed the others."""
    nomination = activation.flow_class.case_of(activation.process)
    return (
        nomination.status == NominationStatus.PUBLICITY_PASSED
        and Campaign.objects.filter(
            pk=nomination.campaign_id,
            status__in=[CampaignStatus.CONFIRMED, CampaignStatus.DECIDED],
        ).exists()
    )


WAITING = (
    NominationStatus.COMMITTEE_APPROVED,
    NominationStatus.IN_PUBLICITY,
    NominationStatus.PUBLICITY_PASSED,
    NominationStatus.CONFIRMED,
)


class NominationFlow(CaseFlow):
    process_title = "五四评优推荐"
    case_model = Nomination

    start = flow.StartHandle(this.start_case).Next(this.after_start)
    after_start = (
        flow.Switch()
        .Case(this.branch_review, status_is(NominationStatus.SUBMITTED))
        .Default(this.committee_review)
    )

    branch_review = HumanTask(
        step="团支部审核",
        router=routing.branch_secretary,
        actions=("approve", "return", "reject"),
        due_working_days=5,
    ).Next(this.after_branch_review)
    after_branch_review = (
        flow.Switch()
        .Case(this.committee_review, status_is(NominationStatus.BRANCH_APPROVED))
        .Case(this.revise, status_is(NominationStatus.RETURNED))
        .Default(this.end)
    )

    revise = HumanTask(
        step="修改推荐",
        router=routing.nominator,
        actions=("resubmit", "withdraw"),
        due_working_days=5,
        recuse=False,
    ).Next(this.after_revise)
    after_revise = (
        flow.Switch()
        .Case(this.branch_review, status_is(NominationStatus.SUBMITTED))
        .Case(this.committee_review, status_is(NominationStatus.BRANCH_APPROVED))
        .Default(this.end)
    )

    committee_review = HumanTask(
        step="团委审核",
        router=routing.committee_reviewers,
        actions=("approve", "return", "reject"),
        due_working_days=10,
    ).Next(this.after_committee_review)
    after_committee_review = (
        flow.Switch()
        .Case(this.campaign_wait, status_is(NominationStatus.COMMITTEE_APPROVED))
        .Case(this.revise, status_is(NominationStatus.RETURNED))
        .Default(this.end)
    )

    campaign_wait = flow.Handle().Next(this.after_campaign_step)
    after_campaign_step = (
        flow.Switch()
        .Case(this.objection_review, status_is(NominationStatus.OBJECTION))
        .Case(this.campaign_wait, status_is(*WAITING))
        .Default(this.end)
    )

    objection_review = HumanTask(
        step="公示异议核查",
        router=routing.committee_secretary,
        actions=("dismiss", "uphold"),
        due_working_days=10,
    ).Next(this.after_objection_review)
    after_objection_review = (
        flow.Switch()
        .Case(this.late_review, _passed_after_party_review)
        .Case(this.campaign_wait, status_is(*WAITING))
        .Default(this.end)
    )

    late_review = HumanTask(
        step="党委补充审定",
        router=routing.party_secretary,
        actions=("confirm", "decline"),
        due_working_days=15,
    ).Next(this.after_late_review)
    after_late_review = (
        flow.Switch()
        .Case(this.campaign_wait, status_is(NominationStatus.CONFIRMED))
        .Default(this.end)
    )

    end = flow.End()
