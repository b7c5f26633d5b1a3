"""What 推优's steps read from ``data``: one serializer per action that takes input, shared by
the task page and the API (and shown as the action's payload in the OpenAPI schema)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from workflows.engine.inputs import DateInput, headcount_input, text_input


class ResubmitInput(serializers.Serializer):
    statement = text_input(_("个人简述（修改后）"), max_length=2000, default="")


class TallyInput(serializers.Serializer):
    meeting_date = DateInput(label=_("会议日期"))
    should_attend = headcount_input(_("应到会（有表决权）人数"))
    present = headcount_input(_("实到会人数"))
    ballots = headcount_input(_("收回选票"))
    votes_for = headcount_input(_("赞成"))
    votes_against = headcount_input(_("反对"))
    votes_abstain = headcount_input(_("弃权"))
    secret_ballot = serializers.BooleanField(label=_("无记名投票"), default=True)


class PartyDecisionInput(serializers.Serializer):
    decided_on = DateInput(label=_("决定日期"), required=False)
