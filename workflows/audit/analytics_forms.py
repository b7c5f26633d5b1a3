"""The analytics page's filters: a period (this year by default) and, optionally, a process."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.engine.registry import processes

# A longer period is a different question (a decade's trend), and costs a longer read.
MAX_DAYS = 3 * 366


DATE_INPUT = forms.DateInput({"type": "date"}, format="%Y-%m-%d")


class AnalyticsFilterForm(forms.Form):
    start = forms.DateField(label=_("起始日期"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("截止日期"), required=False, widget=DATE_INPUT)
    process = forms.ChoiceField(label=_("流程"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = [("", _("全部流程"))] + [
            (entry.key, entry.label) for entry in processes()
        ]

    @staticmethod
    def defaults() -> dict:
        """This year up to today, every process."""
        today = timezone.localdate()
        return {"start": today.replace(month=1, day=1), "end": today, "process": ""}

    def clean(self) -> dict:
        data = super().clean()
        defaults = self.defaults()
        data["start"] = data.get("start") or defaults["start"]
        data["end"] = data.get("end") or defaults["end"]
        if data["start"] > data["end"]:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        if (data["end"] - data["start"]) > datetime.timedelta(days=MAX_DAYS):
            raise forms.ValidationError(_("统计区间最长三年。"))
        return data
