from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "workflows.awards"
    label = "awards"
    verbose_name = _("五四评优")

    def ready(self) -> None:
        from viewflow.workflow.flow import FlowAppViewset

        from workflows.documents.selectors import circulated_kinds_register
        from workflows.engine.registry import Milestone, ProcessEntry, process_register
        from workflows.engine.site import site

        from . import forms, services
        from .flows import CampaignFlow, NominationFlow
        from .models import CampaignStatus as C
        from .models import NominationStatus as N

        process_register(
            ProcessEntry(
                key="award",
                label="五四评优",
                flow_class=CampaignFlow,
                act=services.campaign_act,
                objection=services.nomination_object,
                objection_targets=services.objection_targets,
                summary_template="awards/includes/campaign_summary.html",
                task_forms={
                    "panel": (forms.ShortlistForm, "awards/includes/shortlist_form.html"),
                    "party_review": (forms.PartyConfirmForm, "awards/includes/party_form.html"),
                },
                milestones=(
                    Milestone("发布通知", (C.DRAFT,)),
                    Milestone("推荐", (C.OPEN,)),
                    Milestone("评审", (C.PANEL,)),
                    Milestone("公示", (C.IN_PUBLICITY,)),
                    Milestone("党委审定", (C.PARTY_REVIEW,)),
                    Milestone("表彰决定", (C.CONFIRMED,)),
                    Milestone("办结", (C.DECIDED,)),
                ),
            )
        )
        process_register(
            ProcessEntry(
                key="award_nomination",
                label="五四评优推荐",
                flow_class=NominationFlow,
                act=services.nomination_act,
                withdraw_step="推荐人撤回",
                summary_template="awards/includes/nomination_summary.html",
                task_forms={
                    "revise": (forms.ResubmitForm, "awards/includes/resubmit_form.html"),
                },
                milestones=(
                    Milestone("推荐", (N.RETURNED, N.WITHDRAWN)),
                    Milestone("团支部审核", (N.SUBMITTED,)),
                    Milestone("团委审核", (N.BRANCH_APPROVED,)),
                    Milestone("评审", (N.COMMITTEE_APPROVED, N.NOT_SHORTLISTED)),
                    Milestone("公示", (N.IN_PUBLICITY, N.OBJECTION)),
                    Milestone("党委审定", (N.PUBLICITY_PASSED, N.DECLINED)),
                    Milestone("表彰", (N.CONFIRMED, N.AWARDED, N.REJECTED)),
                ),
            )
        )
        circulated_kinds_register("award_notice", "award_decision", "award_supplementary_decision")
        site.viewsets.append(FlowAppViewset(CampaignFlow, icon="emoji_events"))
        site.viewsets.append(FlowAppViewset(NominationFlow, icon="military_tech"))
