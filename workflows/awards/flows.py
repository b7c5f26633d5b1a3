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

from workflows.engine.children import ParentWait
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
    panel = HumanTask(router=routing.campaign_secretary).Next(this.publicity_window)
    publicity_window = flow.Timer(_publicity_end).Next(this.publicity_close)
    publicity_close = flow.Function(this.close_publicity).Next(this.party_review)
    party_review = HumanTask(router=routing.campaign_party).Next(this.decide)
    decide = HumanTask(router=routing.campaign_secretary).Next(this.end)
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
ON_CAMPAIGN = ParentWait(waiting=WAITING, objection=NominationStatus.OBJECTION)


class NominationFlow(CaseFlow):
    process_title = "五四评优推荐"
    case_model = Nomination

    start = flow.StartHandle(this.start_case).Next(this.after_start)
    after_start = (
        flow.Switch()
        .Case(this.branch_review, status_is(NominationStatus.SUBMITTED))
        .Default(this.committee_review)
    )

    branch_review = HumanTask(router=routing.branch_secretary).Next(this.after_branch_review)
    after_branch_review = (
        flow.Switch()
        .Case(this.committee_review, status_is(NominationStatus.BRANCH_APPROVED))
        .Case(this.revise, status_is(NominationStatus.RETURNED))
        .Default(this.end)
    )

    revise = HumanTask(router=routing.nominator).Next(this.after_revise)
    after_revise = (
        flow.Switch()
        .Case(this.branch_review, status_is(NominationStatus.SUBMITTED))
        .Case(this.committee_review, status_is(NominationStatus.BRANCH_APPROVED))
        .Default(this.end)
    )

    committee_review = HumanTask(router=routing.committee_reviewers).Next(
        this.after_committee_review
    )
    after_committee_review = (
        flow.Switch()
        .Case(this.campaign_wait, status_is(NominationStatus.COMMITTEE_APPROVED))
        .Case(this.revise, status_is(NominationStatus.RETURNED))
        .Default(this.end)
    )

    campaign_wait = flow.Handle().Next(this.after_campaign_step)
    after_campaign_step = ON_CAMPAIGN.after_parent_step(
        wait=this.campaign_wait, objection_review=this.objection_review, end=this.end
    )

    objection_review = HumanTask(router=routing.committee_secretary).Next(
        this.after_objection_review
    )
    after_objection_review = ON_CAMPAIGN.after_objection_review(
        wait=this.campaign_wait,
        end=this.end,
        before=[(this.late_review, _passed_after_party_review)],
    )

    late_review = HumanTask(router=routing.party_secretary).Next(this.after_late_review)
    after_late_review = (
        flow.Switch()
        .Case(this.campaign_wait, status_is(NominationStatus.CONFIRMED))
        .Default(this.end)
    )

    end = flow.End()
