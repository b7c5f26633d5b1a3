"""青年文明号, declared once: the two-year cycle, the 创建备案, each collective's 申报 and the
yearly review — their steps (what may be done at each, with what input, by when), milestones
and rules. flows.py holds who acts and where each outcome leads."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.engine.declaration import (
    RESUBMIT,
    Action,
    FlowSpec,
    Milestone,
    Process,
    Step,
    StepForm,
    objection_review_step,
    review_step,
    revise_step,
)
from workflows.engine.models import Decision
from workflows.engine.signers import Signers
from workflows.rules.defaults import SRC_SYSTEM, flag_setting, fraction_setting, int_setting

from . import documents, forms, inputs, peer_review, services, yearly
from .flows import ApplicationFlow, CycleFlow, FilingFlow, YearlyReviewFlow
from .models import ApplicationStatus as A
from .models import Cycle
from .models import CycleStatus as C
from .models import FilingStatus as F
from .models import YearlyStatus as Y

SOURCE = "《青年文明号活动管理办法》"
PLAIN_FORM = "civilization_posts/includes/plain_form.html"

OPEN_APPLICATIONS = Action("open_applications", _("发布申报通知"), Decision.APPROVE)
START_PEER_REVIEW = Action("start_peer_review", _("分配互检互查并开始评分"), Decision.RECORD)
PUBLISH_ASSESSMENT = Action("publish_assessment", _("确定拟命名集体并公示"), Decision.RECORD)
ISSUE_RECOGNITION = Action("issue_recognition", _("印发命名决定和牌匾证书"), Decision.APPROVE)
SUBMIT_YEARLY_REPORT = Action("submit_yearly_report", _("报送年度报告"), Decision.APPROVE)
PASS_REVIEW = Action("pass_review", _("复核合格"), Decision.APPROVE)
WARN = Action("warn", _("警告"), Decision.RECORD, opinion_required=True)
DOWNGRADE = Action("downgrade", _("降星"), Decision.RECORD, opinion_required=True)
REVOKE = Action(
    "revoke", _("撤销称号（限期一个月整改，逾期生效）"), Decision.REJECT, opinion_required=True
)
SUBMIT_RECTIFICATION = Action("submit_rectification", _("报送整改报告"), Decision.APPROVE)
RECTIFIED = Action("rectified", _("整改合格，保留称号"), Decision.APPROVE)
NOT_RECTIFIED = Action(
    "not_rectified", _("整改不合格，撤销称号"), Decision.REJECT, opinion_required=True
)


def _applications_due(cycle: Cycle) -> datetime.date | None:
    """The 申报通知 is due in the first month of the even year (a later task falls back to the
    usual working days)."""
    due = datetime.date(cycle.review_year, 1, 31)
    return due if due > timezone.localdate() else None


CYCLE_STEPS = (
    Step(
        node="open_applications",
        title="发布申报通知",
        actions=(
            OPEN_APPLICATIONS.does(services.applications_open, input=inputs.OpenApplicationsInput),
        ),
        form=StepForm(forms.OpenApplicationsForm, PLAIN_FORM),
        due_on=_applications_due,
        due_working_days=10,
    ),
    Step(
        node="start_peer_review",
        title="组织互检互查",
        actions=(
            START_PEER_REVIEW.does(services.peer_review_start, input=inputs.StartPeerReviewInput),
        ),
        form=StepForm(forms.StartPeerReviewForm, PLAIN_FORM),
        due_working_days=10,
    ),
    Step(
        node="assessment",
        title="团委评定",
        actions=(
            PUBLISH_ASSESSMENT.does(services.assessment_publish, input=inputs.AssessmentInput),
        ),
        form=StepForm(forms.AssessmentForm, "civilization_posts/includes/assessment_form.html"),
        due_working_days=20,
    ),
    Step(
        node="recognise",
        title="印发命名决定",
        actions=(ISSUE_RECOGNITION.does(services.recognition_issue),),
        due_working_days=10,
    ),
)

UNIT_REVIEW = review_step(
    "unit_review", "单位团组织审核", approve="unit_approve", due_working_days=5
)

FILING_STEPS = (
    UNIT_REVIEW,
    revise_step(
        "修改创建备案",
        resubmit=RESUBMIT.does(services.filing_resubmit, input=inputs.FilingResubmitInput),
        form=StepForm(forms.FilingResubmitForm, PLAIN_FORM),
        due_working_days=5,
    ),
    review_step("committee_file", "团委备案", approve="file", due_working_days=10),
)

APPLICATION_STEPS = (
    UNIT_REVIEW,
    revise_step(
        "修改申报",
        resubmit=RESUBMIT.does(
            services.application_resubmit, input=inputs.ApplicationResubmitInput
        ),
        form=StepForm(
            forms.ApplicationResubmitForm, "civilization_posts/includes/scores_form.html"
        ),
        due_working_days=5,
    ),
    review_step(
        "committee_check",
        "团委资格审查",
        approve="qualify",
        due_working_days=10,
        signers=Signers(),
    ),
    objection_review_step(
        dismiss=services.objection_decide(False), uphold=services.objection_decide(True)
    ),
)

YEARLY_STEPS = (
    Step(
        node="report",
        title="报送年度报告",
        actions=(
            SUBMIT_YEARLY_REPORT.does(yearly.yearly_report_submit, input=inputs.YearlyReportInput),
        ),
        form=StepForm(forms.YearlyReportForm, PLAIN_FORM),
        due_working_days=15,
        recuse=False,
    ),
    Step(
        node="review",
        title="团委复核",
        actions=(
            PASS_REVIEW.does(yearly.review_pass),
            WARN.does(yearly.review_warn),
            DOWNGRADE.does(yearly.review_downgrade, input=inputs.DowngradeInput),
            REVOKE.does(yearly.rectification_order),
        ),
        form=StepForm(forms.YearlyReviewForm, PLAIN_FORM),
        due_working_days=15,
    ),
    # One month to rectify: the flow's timer revokes the title when the deadline passes first.
    Step(
        node="rectify",
        title="限期整改",
        actions=(
            SUBMIT_RECTIFICATION.does(yearly.rectification_submit, input=inputs.RectificationInput),
        ),
        form=StepForm(forms.RectificationForm, PLAIN_FORM),
        due_on=lambda review: review.rectify_by,
        recuse=False,
    ),
    Step(
        node="verify",
        title="整改验收",
        actions=(
            RECTIFIED.does(yearly.rectification_accept),
            NOT_RECTIFIED.does(yearly.rectification_refuse),
        ),
        due_working_days=10,
    ),
)

PROCESS = Process(
    key=services.PROCESS_KEY,
    label=_("青年文明号"),
    settings={
        "members_min": int_setting("集体最少人数", 6, SOURCE, minimum=1),
        "members_max": int_setting("集体最多人数", 200, SOURCE, minimum=1),
        "young_share_min": fraction_setting("青年（不超过规定年龄）人数最低占比", "1/2", SOURCE),
        "young_age_max": int_setting("青年年龄上限（周岁）", 35, SOURCE, minimum=1),
        "leader_age_max": int_setting("号长年龄上限（周岁）", 40, SOURCE, minimum=1),
        "rectify_days": int_setting("复核不合格的整改期限（日）", 30, SOURCE, minimum=1),
        "trim_extremes": flag_setting("评审去掉一个最高分和一个最低分", True, SRC_SYSTEM),
        "publicity_working_days": int_setting("公示期（工作日）", 5, SOURCE, minimum=1),
        "peer_reviewers_max": int_setting(
            "每个申报集体的互检互查评审集体数（0 为同组全部）", 5, SRC_SYSTEM
        ),
        "peer_reviews_min": int_setting("评定所需的最少互检互查评分份数", 3, SRC_SYSTEM, minimum=1),
        "peer_review_working_days": int_setting(
            "互检互查期限（工作日）", 10, SRC_SYSTEM, minimum=1
        ),
        "outlier_points": int_setting(
            "评分偏离中位数超过此分值即标记为异常", 15, SRC_SYSTEM, minimum=1
        ),
        "pass_score": int_setting("认定为一星级青年文明号的最低平均分", 80, SRC_SYSTEM, minimum=1),
        "two_star_score": int_setting("二星级青年文明号的最低平均分", 88, SRC_SYSTEM, minimum=1),
        "three_star_score": int_setting("三星级青年文明号的最低平均分", 95, SRC_SYSTEM, minimum=1),
    },
    ordered_pairs=(
        ("members_min", "members_max"),
        ("pass_score", "two_star_score"),
        ("two_star_score", "three_star_score"),
    ),
    circulated_kinds=documents.CIRCULATED,
    document_kinds={
        documents.NOTICE_KIND: _("创建通知"),
        documents.APPLICATION_NOTICE_KIND: _("申报通知"),
        documents.DECISION_KIND: _("命名决定"),
        documents.SUPPLEMENTARY_KIND: _("补充命名决定"),
        documents.PLAQUE_KIND: _("青年文明号牌匾"),
    },
    document_batches={"post_plaques": documents.plaques_arguments},
    flows=(
        FlowSpec(
            key="civilization_post",
            label=_("青年文明号创建评审"),
            flow_class=CycleFlow,
            steps=CYCLE_STEPS,
            icon="workspace_premium",
            objection=services.application_object,
            objection_targets=services.objection_targets,
            summary_template="civilization_posts/includes/cycle_summary.html",
            sweep=peer_review.peer_reviews_sweep,
            milestones=(
                Milestone("发布通知", (C.DRAFT,)),
                Milestone("创建备案", (C.FILING,)),
                Milestone("申报", (C.APPLYING,)),
                Milestone("互检互查", (C.PEER_REVIEW,)),
                Milestone("公示", (C.IN_PUBLICITY,)),
                Milestone("命名", (C.RECOGNITION,)),
                Milestone("办结", (C.DECIDED,)),
            ),
        ),
        FlowSpec(
            key="post_filing",
            label=_("青年文明号创建备案"),
            flow_class=FilingFlow,
            steps=FILING_STEPS,
            icon="assignment",
            withdraw_step="申报人撤回",
            summary_template="civilization_posts/includes/filing_summary.html",
            milestones=(
                Milestone("提交", (F.RETURNED, F.WITHDRAWN)),
                Milestone("单位审核", (F.SUBMITTED,)),
                Milestone("团委备案", (F.UNIT_APPROVED,)),
                Milestone("办结", (F.FILED, F.REJECTED)),
            ),
        ),
        FlowSpec(
            key="post_application",
            label=_("青年文明号申报"),
            flow_class=ApplicationFlow,
            steps=APPLICATION_STEPS,
            icon="verified",
            withdraw_step="申报人撤回",
            summary_template="civilization_posts/includes/application_summary.html",
            milestones=(
                Milestone("申报", (A.RETURNED, A.WITHDRAWN)),
                Milestone("单位审核", (A.SUBMITTED,)),
                Milestone("资格审查", (A.UNIT_APPROVED,)),
                Milestone("互检互查", (A.QUALIFIED, A.IN_PEER_REVIEW, A.NOT_RECOGNISED)),
                Milestone("公示", (A.IN_PUBLICITY, A.OBJECTION, A.PUBLICITY_PASSED)),
                Milestone("命名", (A.RECOGNISED, A.REJECTED)),
            ),
        ),
        FlowSpec(
            key="post_yearly_review",
            label=_("青年文明号年度复核"),
            flow_class=YearlyReviewFlow,
            steps=YEARLY_STEPS,
            icon="fact_check",
            summary_template="civilization_posts/includes/yearly_summary.html",
            milestones=(
                Milestone("年度报告", (Y.REPORTING,)),
                Milestone("团委复核", (Y.SUBMITTED,)),
                Milestone("限期整改", (Y.RECTIFYING, Y.RECTIFICATION_SUBMITTED)),
                Milestone("办结", (Y.PASSED, Y.WARNED, Y.DOWNGRADED, Y.RECTIFIED, Y.REVOKED)),
            ),
        ),
    ),
)
