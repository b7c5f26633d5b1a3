"""青年文明号 routing: the cycle's own steps, each collective's 创建备案 and 申报, and the yearly
review. Nodes only: each human step ends in one service call, and the switches read the status
that call produced.

An application waits on ``cycle_wait`` while the cycle decides for all applicants at once
(互检互查, 评定, 公示, 命名); the cycle's services move it on when it needs a person of its own
(an objection to check) or has reached its end.
"""

from __future__ import annotations

import datetime

from viewflow import this
from viewflow.workflow import flow

from workflows.engine.children import ParentWait
from workflows.engine.flow import CaseFlow, midnight_after, status_is
from workflows.engine.nodes import HumanTask
from workflows.engine.services.publicity import publicity_latest

from . import routing, services, yearly
from .models import (
    ApplicationStatus,
    Cycle,
    Filing,
    FilingStatus,
    PostApplication,
    YearlyReview,
    YearlyStatus,
)


def _case(activation):
    return activation.flow_class.case_of(activation.process)


def _filing_end(activation) -> datetime.datetime:
    return midnight_after(_case(activation).filing_deadline)


def _application_end(activation) -> datetime.datetime:
    return midnight_after(_case(activation).application_deadline)


def _publicity_end(activation) -> datetime.datetime:
    return midnight_after(publicity_latest(_case(activation)).ends_on)


class CycleFlow(CaseFlow):
    process_title = "青年文明号创建评审"
    case_model = Cycle

    start = flow.StartHandle(this.start_case).Next(this.filing)
    filing = flow.Timer(_filing_end).Next(this.open_applications)
    open_applications = HumanTask(router=routing.cycle_secretary).Next(this.applying)
    applying = flow.Timer(_application_end).Next(this.start_peer_review)
    start_peer_review = HumanTask(router=routing.cycle_secretary).Next(this.assessment)
    assessment = HumanTask(router=routing.cycle_secretary).Next(this.publicity_window)
    publicity_window = flow.Timer(_publicity_end).Next(this.publicity_close)
    publicity_close = flow.Function(this.close_publicity).Next(this.recognise)
    recognise = HumanTask(router=routing.cycle_secretary).Next(this.end)
    end = flow.End()

    def close_publicity(self, activation) -> None:
        services.cycle_publicity_close(cycle=self.case_of(activation.process))


class FilingFlow(CaseFlow):
    process_title = "青年文明号创建备案"
    case_model = Filing

    start = flow.StartHandle(this.start_case).Next(this.after_start)
    after_start = (
        flow.Switch()
        .Case(this.unit_review, status_is(FilingStatus.SUBMITTED))
        .Default(this.committee_file)
    )
    unit_review = HumanTask(router=routing.unit_secretary).Next(this.after_unit_review)
    after_unit_review = (
        flow.Switch()
        .Case(this.committee_file, status_is(FilingStatus.UNIT_APPROVED))
        .Case(this.revise, status_is(FilingStatus.RETURNED))
        .Default(this.end)
    )
    revise = HumanTask(router=routing.applicant).Next(this.after_revise)
    after_revise = (
        flow.Switch()
        .Case(this.unit_review, status_is(FilingStatus.SUBMITTED))
        .Case(this.committee_file, status_is(FilingStatus.UNIT_APPROVED))
        .Default(this.end)
    )
    committee_file = HumanTask(router=routing.committee_reviewers).Next(this.after_committee_file)
    after_committee_file = (
        flow.Switch().Case(this.revise, status_is(FilingStatus.RETURNED)).Default(this.end)
    )
    end = flow.End()


WAITING = (
    ApplicationStatus.QUALIFIED,
    ApplicationStatus.IN_PEER_REVIEW,
    ApplicationStatus.IN_PUBLICITY,
    ApplicationStatus.PUBLICITY_PASSED,
)
ON_CYCLE = ParentWait(waiting=WAITING, objection=ApplicationStatus.OBJECTION)


class ApplicationFlow(CaseFlow):
    process_title = "青年文明号申报"
    case_model = PostApplication

    start = flow.StartHandle(this.start_case).Next(this.after_start)
    after_start = (
        flow.Switch()
        .Case(this.unit_review, status_is(ApplicationStatus.SUBMITTED))
        .Default(this.committee_check)
    )
    unit_review = HumanTask(router=routing.unit_secretary).Next(this.after_unit_review)
    after_unit_review = (
        flow.Switch()
        .Case(this.committee_check, status_is(ApplicationStatus.UNIT_APPROVED))
        .Case(this.revise, status_is(ApplicationStatus.RETURNED))
        .Default(this.end)
    )
    revise = HumanTask(router=routing.applicant).Next(this.after_revise)
    after_revise = (
        flow.Switch()
        .Case(this.unit_review, status_is(ApplicationStatus.SUBMITTED))
        .Case(this.committee_check, status_is(ApplicationStatus.UNIT_APPROVED))
        .Default(this.end)
    )
    committee_check = HumanTask(router=routing.committee_reviewers).Next(this.after_committee_check)
    after_committee_check = (
        flow.Switch()
        .Case(this.cycle_wait, status_is(ApplicationStatus.QUALIFIED))
        .Case(this.revise, status_is(ApplicationStatus.RETURNED))
        .Default(this.end)
    )
    cycle_wait = flow.Handle().Next(this.after_cycle_step)
    after_cycle_step = ON_CYCLE.after_parent_step(
        wait=this.cycle_wait, objection_review=this.objection_review, end=this.end
    )
    objection_review = HumanTask(router=routing.committee_secretary).Next(
        this.after_objection_review
    )
    after_objection_review = ON_CYCLE.after_objection_review(wait=this.cycle_wait, end=this.end)
    end = flow.End()


def _rectify_end(activation) -> datetime.datetime:
    return midnight_after(_case(activation).rectify_by)


class YearlyReviewFlow(CaseFlow):
    process_title = "青年文明号年度复核"
    case_model = YearlyReview

    start = flow.StartHandle(this.start_case).Next(this.report)
    report = HumanTask(router=routing.collective_contact).Next(this.review)
    review = HumanTask(router=routing.yearly_reviewers).Next(this.after_review)
    after_review = (
        flow.Switch().Case(this.rectify, status_is(YearlyStatus.RECTIFYING)).Default(this.end)
    )
    # One month to rectify: when the deadline passes first, the revocation takes effect.
    rectify = (
        HumanTask(router=routing.collective_contact)
        .OnTimeout(_rectify_end, this.lapse, title="整改期限届满")
        .Next(this.verify)
    )
    lapse = flow.Function(this.revoke_on_lapse).Next(this.end)
    verify = HumanTask(router=routing.yearly_reviewers).Next(this.end)
    end = flow.End()

    def revoke_on_lapse(self, activation) -> None:
        yearly.yearly_review_lapse(review=self.case_of(activation.process))
