from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyRecommendationConfig(AppConfig):
    name = "workflows.party_recommendation"
    label = "party_recommendation"
    verbose_name = _("推优入党")

    def ready(self) -> None:
        from viewflow.workflow.flow import FlowAppViewset

        from workflows.engine.registry import Milestone, ProcessEntry, process_register
        from workflows.engine.site import site

        from . import services
        from .flows import PartyRecommendationFlow
        from .models import Status

        process_register(
            ProcessEntry(
                key="party_recommendation",
                label="推优入党",
                flow_class=PartyRecommendationFlow,
                act=services.application_act,
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
            )
        )
        site.viewsets.append(FlowAppViewset(PartyRecommendationFlow, icon="how_to_reg"))
