"""What 青年文明号's steps read from ``data``, shared by the task page and the API (and shown as
each action's payload in the OpenAPI schema)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from workflows.engine.inputs import DateInput, text_input


class OpenApplicationsInput(serializers.Serializer):
    application_deadline = DateInput(label=_("申报截止日"), required=False)


class StartPeerReviewInput(serializers.Serializer):
    review_due_on = DateInput(
        label=_("互检互查截止日"),
        required=False,
        help_text="Omitted: the rulebook's working days from today.",
    )


class AssessmentInput(serializers.Serializer):
    stars = serializers.DictField(
        label=_("星级"),
        child=serializers.IntegerField(),
        required=False,
        help_text="Application id → stars 0–3 (0: not recognised).",
    )
    allow_missing = serializers.BooleanField(required=False, default=False)


class FilingResubmitInput(serializers.Serializer):
    plan = text_input(_("创建规划"))
    targets = text_input(_("创建目标"))
    carriers = text_input(_("创建载体"))
    slogan = text_input(_("创建口号"))
    pledge = text_input(_("岗位承诺"))


class ApplicationResubmitInput(serializers.Serializer):
    summary = text_input(_("创建工作总结"))
    scores = serializers.DictField(
        label=_("自评分"), required=False, help_text="Rubric item code → points."
    )


class YearlyReportInput(serializers.Serializer):
    report = text_input(_("年度创建工作报告"))


class DowngradeInput(serializers.Serializer):
    stars = serializers.IntegerField(label=_("降星后的星级（仅“降星”时填写）"), required=False)


class RectificationInput(serializers.Serializer):
    rectification = text_input(_("整改报告"))
