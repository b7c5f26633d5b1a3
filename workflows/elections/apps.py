from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "workflows.elections"
    label = "elections"
    verbose_name = _("团支部换届选举")

    def ready(self) -> None:
        from viewflow.workflow.flow import FlowAppViewset

        from workflows.engine.registry import Milestone, ProcessEntry, process_register
        from workflows.engine.site import site

        from . import forms, services, terms
        from .flows import ElectionFlow, TermChangeFlow
        from .models import Status, TermChangeStatus

        process_register(
            ProcessEntry(
                key="election",
                label="团支部换届选举",
                flow_class=ElectionFlow,
                act=services.election_act,
                summary_template="elections/includes/summary.html",
                task_forms={
                    "meeting": (forms.RoundForm, "elections/includes/round_form.html"),
                    "first_committee_meeting": (
                        forms.OfficersForm,
                        "elections/includes/officers_form.html",
                    ),
                    "revise": (forms.ResubmitForm, "elections/includes/resubmit_form.html"),
                },
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
            )
        )
        process_register(
            ProcessEntry(
                key="term_change",
                label="延期/提前换届",
                flow_class=TermChangeFlow,
                act=terms.term_change_act,
                summary_template="elections/includes/term_change_summary.html",
                milestones=(
                    Milestone("团委审批", (TermChangeStatus.REQUESTED,)),
                    Milestone("办结", (TermChangeStatus.APPROVED, TermChangeStatus.REFUSED)),
                ),
            )
        )
        site.viewsets.append(FlowAppViewset(ElectionFlow, icon="how_to_vote"))
        site.viewsets.append(FlowAppViewset(TermChangeFlow, icon="event"))
