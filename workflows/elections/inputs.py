"""What 换届's steps read from ``data``, shared by the task page and the API (and shown as each
action's payload in the OpenAPI schema). Fields are optional where the step's handler names what
is missing in the election's own words (the plan, the roll call)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from workflows.engine.bounds import SEATS
from workflows.engine.inputs import DateInput, headcount_input, ids_input

from .models import Method
from .services import OFFICER_ROLES


class PlanCandidateInput(serializers.Serializer):
    member = serializers.IntegerField(label=_("候选人"), min_value=1)
    resume = serializers.CharField(label=_("简历"), required=False, allow_blank=True)


class PlanInput(serializers.Serializer):
    meeting_date = DateInput(label=_("团员大会日期"))
    place = serializers.CharField(label=_("地点"), required=False, allow_blank=True)
    agenda = serializers.CharField(label=_("议程（每行一项）"), required=False, allow_blank=True)
    seats = serializers.IntegerField(label=_("应选名额"), **SEATS.limits)
    method = serializers.ChoiceField(label=_("选举办法"), choices=Method.choices, required=False)
    candidates = PlanCandidateInput(many=True)
    scrutineers = ids_input(_("监票人"))
    tellers = ids_input(_("计票人"))


class ResubmitInput(serializers.Serializer):
    plan = PlanInput(required=False, help_text="The edited 请示; omitted: resubmit as it is.")


class RoundInput(serializers.Serializer):
    meeting_date = DateInput(label=_("会议日期"), required=False)
    expected = ids_input(_("应到会团员"), help_text="Omitted: every member on the roll.")
    attended = ids_input(_("实到会团员"))
    issued = headcount_input(_("发出选票"), required=False)
    returned = headcount_input(_("收回选票"), required=False)
    void = headcount_input(_("废票"), required=False)
    votes = serializers.DictField(
        label=_("赞成票"),
        child=headcount_input(_("赞成票")),
        required=False,
        help_text="Candidate id → votes, when the tellers' totals are entered.",
    )
    ballots = serializers.ListField(
        label=_("选票"),
        child=serializers.ListField(child=serializers.IntegerField(min_value=1)),
        required=False,
        help_text="Each ballot's marked candidate ids, instead of totals.",
    )


class MeetingDateInput(serializers.Serializer):
    meeting_date = DateInput(label=_("会议日期"), required=False)


class OfficerRoleInput(serializers.Serializer):
    member = serializers.IntegerField(label=_("团员"), min_value=1)
    role = serializers.ChoiceField(
        label=_("职务"), choices=[(role.value, role.label) for role in OFFICER_ROLES]
    )
    duty = serializers.CharField(label=_("分工"), required=False, allow_blank=True, max_length=60)


class OfficersInput(serializers.Serializer):
    officers = OfficerRoleInput(many=True, label=_("委员分工"))
