"""Forms of the 评议测评 pages; the rules themselves are checked by the services."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.engine.bounds import HEADCOUNT, YEAR
from workflows.engine.fields import process_date_field
from workflows.org.models import ReviewResult

from .satisfaction import DEFAULT_ITEMS, SCALE
from .services import ITEMS_MAX, REASON_MAX, SELF_ASSESSMENT_MAX


class CommitteeYearForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("团委"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("年度"), **YEAR.limits)

    def __init__(self, *args, committees, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class RoundOpenForm(CommitteeYearForm):
    pass


class SurveyOpenForm(CommitteeYearForm):
    items = forms.CharField(
        label=_("测评项目（每行一项）"),
        widget=forms.Textarea(attrs={"rows": 6}),
        initial="\n".join(DEFAULT_ITEMS),
    )
    opens_on = process_date_field(_("开始日期"))
    closes_on = process_date_field(_("截止日期"))

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "year": today.year,
                "items": "\n".join(DEFAULT_ITEMS),
                "opens_on": today,
                "closes_on": today + datetime.timedelta(days=14),
            },
        )
        super().__init__(*args, **kwargs)

    def clean_items(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > ITEMS_MAX:
            raise forms.ValidationError(_("测评项目最多 %(max)s 项") % {"max": ITEMS_MAX})
        return lines


class SelfAssessmentForm(forms.Form):
    text = forms.CharField(
        label=_("个人自评"),
        max_length=SELF_ASSESSMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("对照团员标准，从思想政治、学习工作、组织纪律、作用发挥等方面总结本年度表现。"),
    )


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


RESULT_CHOICES = [("", _("— 请选择 —")), *ReviewResult.choices]


class RatingsForm(forms.Form):
    """The branch meeting and one result (with its reason) per member on the rolls."""

    meeting_date = process_date_field(_("团支部大会日期"), required=False)
    should_attend = forms.IntegerField(label=_("应到人数"), required=False, **HEADCOUNT.limits)
    present = forms.IntegerField(label=_("实到人数"), required=False, **HEADCOUNT.limits)

    def __init__(self, *args, roster, **kwargs):
        super().__init__(*args, **kwargs)
        self.roster = roster
        for row in roster:
            review = row.review
            self.fields[f"result-{row.member.pk}"] = forms.ChoiceField(
                label=row.member.name,
                choices=RESULT_CHOICES,
                required=False,
                initial=review.result if review else "",
            )
            self.fields[f"reason-{row.member.pk}"] = forms.CharField(
                label=_("理由"),
                required=False,
                max_length=REASON_MAX,
                initial=review.reason if review else "",
            )

    def rows(self):
        return [
            (row, self[f"result-{row.member.pk}"], self[f"reason-{row.member.pk}"])
            for row in self.roster
        ]

    def ratings(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            row.member.pk: (data[f"result-{row.member.pk}"], data[f"reason-{row.member.pk}"])
            for row in self.roster
        }


class BallotForm(forms.Form):
    """One choice per survey item on the 满意 / 基本满意 / 不满意 scale."""

    def __init__(self, *args, items: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for index, item in enumerate(items):
            self.fields[f"item-{index}"] = forms.TypedChoiceField(
                label=item,
                choices=[(score, label) for score, label in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
            )

    def scores(self) -> list[int]:
        return [self.cleaned_data[f"item-{index}"] for index in range(len(self.items))]
