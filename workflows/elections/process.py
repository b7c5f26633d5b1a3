"""团支部换届选举 and its term changes, declared once: the steps (what may be done at each, with
what input, by when), the milestones and the rules. flows.py holds who acts and where each
outcome leads."""

import dataclasses

from django.utils.translation import gettext_lazy as _

from workflows.engine.declaration import (
    APPROVE,
    REJECT,
    RESUBMIT,
    RETURN,
    Action,
    FlowSpec,
    Milestone,
    Process,
    Step,
    StepForm,
    review_step,
    revise_step,
)
from workflows.engine.models import Decision
from workflows.rules.defaults import (
    SRC_SYSTEM,
    Kind,
    Setting,
    flag_setting,
    fraction_setting,
    int_setting,
)

from . import forms, inputs, services, terms
from .flows import ElectionFlow, TermChangeFlow
from .models import Status, TermChangeStatus

SOURCE = "中青发〔2025〕1号"

SHORTFALL_CHOICES = (
    ("re_elect", "对不足名额另行选举"),
    ("reduce_seats", "减少名额，不再选举"),
)

RECORD_ROUND = Action("record_round", _("录入计票结果"), Decision.RECORD)
REDUCE_SEATS = Action("reduce_seats", _("减少名额，不再选举"), Decision.RECORD)
ASSIGN_OFFICERS = Action("assign_officers", _("记录委员会分工"), Decision.RECORD)
SUBMIT_REPORT = Action("submit_report", _("报送选举结果报告"), Decision.APPROVE)


def _meeting_day(election):
    return election.meeting_date


def _report_due(election):
    return election.report_due_on


def _reply_due(election):
    return election.reply_due_on


ELECTION_STEPS = (
    Step(
        node="party_review",
        title="党组织审核请示",
        actions=(APPROVE.transition("party_agree"), RETURN.transition("plan_return")),
        due_working_days=10,
        recuse=False,
    ),
    # An election is about a branch, not a person: nobody is recused from its review.
    dataclasses.replace(
        review_step(
            "plan_review",
            "团委批复请示",
            approve=APPROVE.does(services.plan_approve_step),
            returns="plan_return",
            rejects="plan_reject",
            due_working_days=10,
        ),
        recuse=False,
    ),
    revise_step(
        "修改请示",
        resubmit=RESUBMIT.does(services.plan_resubmit, input=inputs.ResubmitInput),
        form=StepForm(forms.ResubmitForm, "elections/includes/resubmit_form.html"),
        due_working_days=10,
    ),
    Step(
        node="meeting",
        title="团员大会选举",
        actions=(
            RECORD_ROUND.does(services.round_record, input=inputs.RoundInput),
            REDUCE_SEATS.does(services.seats_reduce, input=inputs.MeetingDateInput),
        ),
        form=StepForm(forms.RoundForm, "elections/includes/round_form.html"),
        due_on=_meeting_day,
        recuse=False,
    ),
    Step(
        node="first_committee_meeting",
        title="委员会第一次会议",
        actions=(ASSIGN_OFFICERS.does(services.officers_assign, input=inputs.OfficersInput),),
        form=StepForm(forms.OfficersForm, "elections/includes/officers_form.html"),
        due_working_days=5,
        recuse=False,
    ),
    Step(
        node="report",
        title="报送选举结果",
        actions=(SUBMIT_REPORT.does(services.report_submit),),
        due_on=_report_due,
        recuse=False,
    ),
    Step(
        node="result_review",
        title="团委批复选举结果",
        actions=(APPROVE.does(services.result_approve), RETURN.transition("result_return")),
        due_on=_reply_due,
        recuse=False,
    ),
)

TERM_CHANGE_STEPS = (
    Step(
        node="review",
        title="团委审批延期/提前换届",
        actions=(
            APPROVE.does(terms.term_change_approve),
            REJECT.does(terms.term_change_refuse),
        ),
        due_working_days=10,
        recuse=False,
    ),
)

PROCESS = Process(
    key=terms.PROCESS_KEY,
    label=_("团支部换届选举"),
    document_kinds={
        "election_request": _("换届选举请示"),
        "election_plan_reply": _("换届选举请示的批复"),
        "election_report": _("选举结果报告"),
        "election_result_reply": _("选举结果的批复"),
    },
    settings={
        "term_years": int_setting("团支部每届任期（年）", 3, SOURCE, minimum=1),
        "student_term_years": int_setting("学生团支部每届任期（年）", 1, SOURCE, minimum=1),
        "committee_min_members": int_setting("选举支部委员会的最少团员数", 7, SOURCE, minimum=1),
        "committee_size_min": int_setting("支部委员会最少委员数", 3, SOURCE, minimum=1),
        "committee_size_max": int_setting("支部委员会一般最多委员数", 5, SOURCE, minimum=1),
        "committee_size_hard_max": int_setting("支部委员会委员数上限", 7, SOURCE, minimum=1),
        "competition_ratio": fraction_setting(
            "候选人数不少于应选人数的倍数（差额）", "6/5", SOURCE
        ),
        "quorum_fraction": fraction_setting("到会人数须超过应到会人数的比例", "4/5", SOURCE),
        "report_days": int_setting("选举结果报告期限（日）", 7, SOURCE, minimum=1),
        "reply_days": int_setting("上级团委批复期限（日）", 30, SOURCE, minimum=1),
        "postpone_max_months": int_setting("延期换届最长月数", 6, SOURCE),
        "party_reviews_plan": flag_setting("换届请示须先经同级党组织审核", False, SOURCE),
        "remind_months": int_setting("任期届满前提醒换届（月）", 3, SRC_SYSTEM, minimum=1),
        "shortfall_remedy": Setting(
            "当选人数不足应选名额时的处理",
            "re_elect",
            Kind.CHOICE,
            SOURCE,
            choices=SHORTFALL_CHOICES,
        ),
    },
    ordered_pairs=(
        ("committee_size_min", "committee_size_max"),
        ("committee_size_max", "committee_size_hard_max"),
    ),
    flows=(
        FlowSpec(
            key="election",
            label=_("团支部换届选举"),
            flow_class=ElectionFlow,
            steps=ELECTION_STEPS,
            icon="how_to_vote",
            summary_template="elections/includes/summary.html",
            sweep=terms.terms_remind,
            milestones=(
                Milestone("报送请示", (Status.RETURNED, Status.WITHDRAWN)),
                Milestone("党组织审核", (Status.PARTY_REVIEW,)),
                Milestone("团委批复", (Status.PLAN_REVIEW,)),
                Milestone("团员大会选举", (Status.APPROVED, Status.REVOTE, Status.SHORTFALL)),
                Milestone("委员会分工", (Status.ELECTED,)),
                Milestone("报送结果", (Status.OFFICERS_SET,)),
                Milestone("团委批复结果", (Status.REPORTED,)),
                Milestone("新一届任职", (Status.CONFIRMED, Status.REJECTED)),
            ),
        ),
        FlowSpec(
            key="term_change",
            label=_("延期/提前换届"),
            flow_class=TermChangeFlow,
            steps=TERM_CHANGE_STEPS,
            icon="event",
            summary_template="elections/includes/term_change_summary.html",
            milestones=(
                Milestone("团委审批", (TermChangeStatus.REQUESTED,)),
                Milestone("办结", (TermChangeStatus.APPROVED, TermChangeStatus.REFUSED)),
            ),
        ),
    ),
)
