"""What 五四评优's steps read from ``data``, shared by the task page and the API (and shown as each
action's payload in the OpenAPI schema)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from workflows.engine.inputs import DateInput, ids_input, text_input


class ShortlistInput(serializers.Serializer):
    picks = ids_input(_("并列人选中决定入围的"), help_text="Nomination ids chosen at a tie.")
    allow_missing = serializers.BooleanField(
        label=_("缺席评委按未投赞成票计"), required=False, default=False
    )


class PartyConfirmInput(serializers.Serializer):
    decided_on = DateInput(label=_("党委审定日期"), required=False)
    declined = ids_input(
        _("不同意的人选（须在意见中说明理由）"), help_text="Nomination ids the party declines."
    )


class ResubmitInput(serializers.Serializer):
    deeds = text_input(_("主要事迹（修改后）"), default="")
