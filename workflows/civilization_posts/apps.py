from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilizationPostsConfig(AppConfig):
    name = "workflows.civilization_posts"
    label = "civilization_posts"
    verbose_name = _("青年文明号")

    def ready(self) -> None:
        from viewflow.workflow.flow import FlowAppViewset

        from workflows.documents.selectors import circulated_kinds_register
        from workflows.engine.registry import Milestone, ProcessEntry, process_register
        from workflows.engine.site import site

        from . import forms, peer_review, services, yearly
        from .documents import CIRCULATED
        from .flows import ApplicationFlow, CycleFlow, FilingFlow, YearlyReviewFlow
        from .models import ApplicationStatus as A
        from .models import CycleStatus as C
        from .models import FilingStatus as F
        from .models import YearlyStatus as Y

        process_register(
            ProcessEntry(
                key="civilization_post",
                label="青年文明号创建评审",
                flow_class=CycleFlow,
                act=services.cycle_act,
                objection=services.application_object,
                objection_targets=services.objection_targets,
                summary_template="civilization_posts/includes/cycle_summary.html",
                task_forms={
                    "open_applications": (
                        forms.OpenApplicationsForm,
                        "civilization_posts/includes/plain_form.html",
                    ),
                    "start_peer_review": (
                        forms.StartPeerReviewForm,
                        "civilization_posts/includes/plain_form.html",
                    ),
                    "assessment": (
                        forms.AssessmentForm,
                        "civilization_posts/includes/assessment_form.html",
                    ),
                },
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
            )
        )
        process_register(
            ProcessEntry(
                key="post_filing",
                label="青年文明号创建备案",
                flow_class=FilingFlow,
                act=services.filing_act,
                withdraw_step="申报人撤回",
                summary_template="civilization_posts/includes/filing_summary.html",
                task_forms={
                    "revise": (
                        forms.FilingResubmitForm,
                        "civilization_posts/includes/plain_form.html",
                    ),
                },
                milestones=(
                    Milestone("提交", (F.RETURNED, F.WITHDRAWN)),
                    Milestone("单位审核", (F.SUBMITTED,)),
                    Milestone("团委备案", (F.UNIT_APPROVED,)),
                    Milestone("办结", (F.FILED, F.REJECTED)),
                ),
            )
        )
        process_register(
            ProcessEntry(
                key="post_application",
                label="青年文明号申报",
                flow_class=ApplicationFlow,
                act=services.application_act,
                withdraw_step="申报人撤回",
                summary_template="civilization_posts/includes/application_summary.html",
                task_forms={
                    "revise": (
                        forms.ApplicationResubmitForm,
                        "civilization_posts/includes/scores_form.html",
                    ),
                },
                milestones=(
                    Milestone("申报", (A.RETURNED, A.WITHDRAWN)),
                    Milestone("单位审核", (A.SUBMITTED,)),
                    Milestone("资格审查", (A.UNIT_APPROVED,)),
                    Milestone("互检互查", (A.QUALIFIED, A.IN_PEER_REVIEW, A.NOT_RECOGNISED)),
                    Milestone("公示", (A.IN_PUBLICITY, A.OBJECTION, A.PUBLICITY_PASSED)),
                    Milestone("命名", (A.RECOGNISED, A.REJECTED)),
                ),
            )
        )
        process_register(
            ProcessEntry(
                key="post_yearly_review",
                label="青年文明号年度复核",
                flow_class=YearlyReviewFlow,
                act=yearly.yearly_review_act,
                summary_template="civilization_posts/includes/yearly_summary.html",
                task_forms={
                    "report": (
                        forms.YearlyReportForm,
                        "civilization_posts/includes/plain_form.html",
                    ),
                    "review": (
                        forms.YearlyReviewForm,
                        "civilization_posts/includes/plain_form.html",
                    ),
                    "rectify": (
                        forms.RectificationForm,
                        "civilization_posts/includes/plain_form.html",
                    ),
                },
                milestones=(
                    Milestone("年度报告", (Y.REPORTING,)),
                    Milestone("团委复核", (Y.SUBMITTED,)),
                    Milestone("限期整改", (Y.RECTIFYING, Y.RECTIFICATION_SUBMITTED)),
                    Milestone(
                        "办结",
                        (Y.PASSED, Y.WARNED, Y.DOWNGRADED, Y.RECTIFIED, Y.REVOKED),
                    ),
                ),
            )
        )
        circulated_kinds_register(*CIRCULATED)
        for flow_class, icon in (
            (CycleFlow, "workspace_premium"),
            (FilingFlow, "assignment"),
            (ApplicationFlow, "verified"),
            (YearlyReviewFlow, "fact_check"),
        ):
            site.viewsets.append(FlowAppViewset(flow_class, icon=icon))
