"""推优入党, declared once: its steps (what may be done at each, with what input, by when), its
milestones and the rules it is decided under. flows.py holds who acts and where each outcome
leads; the engine builds the task pages, the API's payloads and the deadlines from this."""

from django.utils.translation import gettext_lazy as _

from workflows.engine.declaration import (
    APPROVE,
    DECLINE,
    REJECT,
    RESUBMIT,
    RETURN,
    RETURN_PREVIOUS,
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
    flag_setting,
    fraction_setting,
    int_setting,
)

from . import forms, inputs, services
from .flows import PartyRecommendationFlow
from .models import Status

SOURCE = "中青发〔2019〕9号《共青团推优入党工作实施办法（试行）》"

RECORD_VOTE = Action("record_vote", _("录入表决结果"), Decision.RECORD)
ACCEPT = Action("accept", _("同意"), Decision.APPROVE)

STEPS = (
    review_step("branch_review", "团支部审核", approve="branch_approve", due_working_days=5),
    revise_step(
        "申请人修改",
        resubmit=RESUBMIT.does(services.statement_revise, input=inputs.ResubmitInput),
        form=StepForm(forms.ResubmitForm, "party_recommendation/includes/resubmit_form.html"),
        due_working_days=10,
    ),
    Step(
        node="branch_meeting",
        title="团员大会表决",
        actions=(
            RECORD_VOTE.does(services.tally_record, input=inputs.TallyInput),
            RETURN.transition("return_to_applicant"),
            RETURN_PREVIOUS.transition("return_to_branch_review"),
        ),
        form=StepForm(forms.TallyForm, "party_recommendation/includes/tally_form.html"),
        due_working_days=20,
    ),
    Step(
        node="committee_review",
        title="团委审核",
        actions=(
            APPROVE.does(services.committee_approve),
            RETURN.transition("return_to_applicant"),
            RETURN_PREVIOUS.transition("return_to_branch_meeting"),
            REJECT.transition("reject"),
        ),
        due_working_days=10,
        # 团委审核 by its 组织委员: one of them by default; a committee may ask for 会签 or k of n.
        signers=Signers(),
    ),
    objection_review_step(
        dismiss=services.objections_resolve(False, "objections_dismiss"),
        uphold=services.objections_resolve(True, "reject"),
    ),
    Step(
        node="recommend",
        title="团委推荐",
        actions=(
            APPROVE.does(services.recommendation_make),
            RETURN_PREVIOUS.transition("return_to_committee_review"),
            REJECT.transition("reject"),
        ),
        due_working_days=5,
    ),
    Step(
        node="party_decision",
        title="党组织决定",
        actions=(
            ACCEPT.does(services.party_decide("party_accept"), input=inputs.PartyDecisionInput),
            DECLINE.does(services.party_decide("party_decline"), input=inputs.PartyDecisionInput),
            RETURN_PREVIOUS.transition("return_to_recommendation"),
        ),
        form=StepForm(forms.PartyDecisionForm, "party_recommendation/includes/decision_form.html"),
        due_working_days=20,
    ),
)

PROCESS = Process(
    key=services.PROCESS_KEY,
    label=_("推优入党"),
    document_kinds={
        "tuiyou_form": _("推荐优秀共青团员入党登记表"),
        "tuiyou_summary": _("推优入党汇总表"),
    },
    settings={
        "age_min": int_setting("最低年龄（周岁，以推荐日计）", 18, SOURCE),
        "age_max": int_setting("最高年龄（周岁，以推荐日计）", 28, SOURCE),
        "league_years_min": int_setting("最短团龄（年）", 1, SOURCE),
        "application_months_min": int_setting(
            "递交入党申请书后最短月数", 0, f"{SRC_SYSTEM}（文件仅要求已递交入党申请书）"
        ),
        "activist_years_min": int_setting("推荐为发展对象须任入党积极分子满（年）", 1, SOURCE),
        "quota_percent": int_setting("每轮推荐人数占支部团员比例上限（%）", 20, SOURCE, minimum=1),
        "quota_minimum": int_setting(
            "按比例计算不足一名时的最少名额",
            0,
            f"{SRC_SYSTEM}（文件未规定：团员 4 人 × 20% = 0.8，向下取整为 0 名；团委可设为 1）",
        ),
        "quorum_fraction": fraction_setting("到会人数须超过应到会人数的比例", "1/2", SOURCE),
        "pass_fraction": fraction_setting("赞成票须超过应到会人数的比例", "1/2", SOURCE),
        "publicity_working_days": int_setting("公示期（工作日）", 5, SOURCE, minimum=1),
        "validity_years": int_setting("推荐结果有效期（年）", 2, SOURCE, minimum=1),
        "party_branch_decides": flag_setting("由党支部作出决定", True, SOURCE),
        "review_unqualified_bars": flag_setting(
            "上一年度团员教育评议为「不合格」的不予推荐",
            True,
            f"{SRC_SYSTEM}（以团员教育评议结果作为推优依据；没有评议结果的不受此限）",
        ),
    },
    ordered_pairs=(("age_min", "age_max"),),
    flows=(
        FlowSpec(
            key="party_recommendation",
            label=_("推优入党"),
            flow_class=PartyRecommendationFlow,
            steps=STEPS,
            icon="how_to_reg",
            withdraw_step="申请人撤回",
            objection=services.application_object,
            summary_template="party_recommendation/includes/summary.html",
            milestones=(
                Milestone("提交申请", (Status.RETURNED, Status.WITHDRAWN)),
                Milestone("团支部审核", (Status.SUBMITTED,)),
                Milestone("团员大会表决", (Status.BRANCH_APPROVED,)),
                Milestone("团委审核", (Status.MEETING_PASSED,)),
                Milestone("公示", (Status.IN_PUBLICITY, Status.OBJECTION)),
                Milestone("团委推荐", (Status.PUBLICITY_PASSED,)),
                Milestone("党组织决定", (Status.RECOMMENDED,)),
                Milestone("办结", (Status.ACCEPTED, Status.DECLINED, Status.REJECTED)),
            ),
        ),
    ),
)
