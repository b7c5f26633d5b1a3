"""五四评优, declared once: the campaign's steps and each nomination's (what may be done at each,
with what input, by when), their milestones and the rules. flows.py holds who acts and where
each outcome leads."""

from django.utils.translation import gettext_lazy as _

from workflows.engine.declaration import (
    DECLINE,
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
from workflows.rules.defaults import (
    SRC_SYSTEM,
    Kind,
    Setting,
    fraction_setting,
    int_setting,
)

from . import documents, forms, inputs, services
from .flows import CampaignFlow, NominationFlow
from .models import CampaignStatus as C
from .models import NominationStatus as N

SOURCE = "年度五四评选表彰通知（常用比例）"

QUOTA_ROUNDING_CHOICES = (
    ("floor", "向下取整"),
    ("half_up", "四舍五入"),
    ("ceil", "向上取整"),
)

PUBLISH_SHORTLIST = Action("publish_shortlist", _("确定入围名单并公示"), Decision.RECORD)
CONFIRM = Action("confirm", _("审定同意"), Decision.APPROVE)
ISSUE_DECISION = Action("issue_decision", _("印发表彰决定和荣誉证书"), Decision.APPROVE)

CAMPAIGN_STEPS = (
    Step(
        node="panel",
        title="评审汇总",
        actions=(PUBLISH_SHORTLIST.does(services.shortlist_publish, input=inputs.ShortlistInput),),
        form=StepForm(forms.ShortlistForm, "awards/includes/shortlist_form.html"),
        due_working_days=15,
    ),
    Step(
        node="party_review",
        title="党委审定",
        actions=(CONFIRM.does(services.party_confirm, input=inputs.PartyConfirmInput),),
        form=StepForm(forms.PartyConfirmForm, "awards/includes/party_form.html"),
        due_working_days=15,
    ),
    Step(
        node="decide",
        title="印发表彰决定",
        actions=(ISSUE_DECISION.does(services.decision_issue),),
        due_working_days=10,
    ),
)

NOMINATION_STEPS = (
    review_step(
        "branch_review",
        "团支部审核",
        approve="branch_approve",
        returns="return_to_nominator",
        due_working_days=5,
    ),
    revise_step(
        "修改推荐",
        resubmit=RESUBMIT.does(services.deeds_revise, input=inputs.ResubmitInput),
        form=StepForm(forms.ResubmitForm, "awards/includes/resubmit_form.html"),
        due_working_days=5,
    ),
    review_step(
        "committee_review",
        "团委审核",
        approve="committee_approve",
        returns="return_to_nominator",
        due_working_days=10,
        signers=Signers(),
    ),
    objection_review_step(
        dismiss=services.objection_decide(False), uphold=services.objection_decide(True)
    ),
    Step(
        node="late_review",
        title="党委补充审定",
        actions=(CONFIRM.does(services.late_confirm), DECLINE.transition("decline")),
        due_working_days=15,
    ),
)

PROCESS = Process(
    key=services.PROCESS_KEY,
    label=_("五四评优"),
    settings={
        "quota_percent_red_flag_branch": int_setting(
            "五四红旗团支部名额占团支部数比例（%）", 10, SOURCE
        ),
        "quota_percent_excellent_member": int_setting(
            "优秀共青团员名额占团员数比例（%）", 3, SOURCE
        ),
        "quota_percent_excellent_cadre": int_setting(
            "优秀共青团干部名额占团干部数比例（%）", 8, SOURCE
        ),
        "quota_percent_red_flag_committee": int_setting(
            "五四红旗团委名额占基层团委（团总支）数比例（%）", 10, SOURCE
        ),
        "quota_rounding": Setting(
            "名额计算取整方式", "floor", Kind.CHOICE, SOURCE, choices=QUOTA_ROUNDING_CHOICES
        ),
        "quota_minimum": int_setting("按比例计算不足一名时的最少名额", 1, SOURCE),
        "deeds_max_chars": int_setting("主要事迹字数上限", 1500, SOURCE, minimum=100),
        "publicity_working_days": int_setting("公示期（工作日）", 5, SOURCE, minimum=1),
        "shortlist_fraction": fraction_setting("入围须超过评委人数的比例", "1/2", SOURCE),
        "score_pass_mark": int_setting("评分制下计为赞成的最低分（百分制）", 60, SRC_SYSTEM),
        "cadre_satisfaction_min_percent": int_setting(
            "优秀共青团干部（团支部书记）上一年度满意度测评最低综合满意度（%，0 为不要求）",
            0,
            f"{SRC_SYSTEM}（并非每个团委都开展满意度测评，默认不要求；开展的团委可设为如 90）",
        ),
    },
    circulated_kinds=("award_notice", "award_decision", "award_supplementary_decision"),
    document_kinds={
        "award_notice": _("评选通知"),
        "award_decision": _("表彰决定"),
        "award_supplementary_decision": _("补充表彰决定"),
        documents.CERTIFICATE_KIND: _("荣誉证书"),
    },
    document_batches={"award_certificates": documents.certificates_arguments},
    flows=(
        FlowSpec(
            key="award",
            label=_("五四评优"),
            flow_class=CampaignFlow,
            steps=CAMPAIGN_STEPS,
            icon="emoji_events",
            objection=services.nomination_object,
            objection_targets=services.objection_targets,
            summary_template="awards/includes/campaign_summary.html",
            milestones=(
                Milestone("发布通知", (C.DRAFT,)),
                Milestone("推荐", (C.OPEN,)),
                Milestone("评审", (C.PANEL,)),
                Milestone("公示", (C.IN_PUBLICITY,)),
                Milestone("党委审定", (C.PARTY_REVIEW,)),
                Milestone("表彰决定", (C.CONFIRMED,)),
                Milestone("办结", (C.DECIDED,)),
            ),
        ),
        FlowSpec(
            key="award_nomination",
            label=_("五四评优推荐"),
            flow_class=NominationFlow,
            steps=NOMINATION_STEPS,
            icon="military_tech",
            withdraw_step="推荐人撤回",
            summary_template="awards/includes/nomination_summary.html",
            milestones=(
                Milestone("推荐", (N.RETURNED, N.WITHDRAWN)),
                Milestone("团支部审核", (N.SUBMITTED,)),
                Milestone("团委审核", (N.BRANCH_APPROVED,)),
                Milestone("评审", (N.COMMITTEE_APPROVED, N.NOT_SHORTLISTED)),
                Milestone("公示", (N.IN_PUBLICITY, N.OBJECTION)),
                Milestone("党委审定", (N.PUBLICITY_PASSED, N.DECLINED)),
                Milestone("表彰", (N.CONFIRMED, N.AWARDED, N.REJECTED)),
            ),
        ),
    ),
)
