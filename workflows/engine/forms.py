"""Forms for acting on tasks and cases. They only shape input; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import ACTION_LABELS
from .bounds import HEADCOUNT
from .fields import process_date_field

VOTE_FIELDS = ("should_attend", "present", "ballots", "votes_for", "votes_against", "votes_abstain")


class TaskActionForm(forms.Form):
    action = forms.ChoiceField(label=_("办理意见"), widget=forms.RadioSelect)
    opinion = forms.CharField(
        label=_("意见内容"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    statement = forms.CharField(
        label=_("个人简述（修改后）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=2000,
    )
    meeting_date = process_date_field(_("会议日期"), required=False)
    should_attend = forms.IntegerField(
        label=_("应到会（有表决权）人数"), required=False, **HEADCOUNT.limits
    )
    present = forms.IntegerField(label=_("实到会人数"), required=False, **HEADCOUNT.limits)
    ballots = forms.IntegerField(label=_("收回选票"), required=False, **HEADCOUNT.limits)
    votes_for = forms.IntegerField(label=_("赞成"), required=False, **HEADCOUNT.limits)
    votes_against = forms.IntegerField(label=_("反对"), required=False, **HEADCOUNT.limits)
    votes_abstain = forms.IntegerField(label=_("弃权"), required=False, **HEADCOUNT.limits)
    secret_ballot = forms.BooleanField(label=_("无记名投票"), required=False, initial=True)
    minutes = forms.FileField(label=_("会议记录（PDF/图片）"), required=False)
    decided_on = process_date_field(_("党组织决定日期"), required=False)

    def __init__(self, *args, actions: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = actions
        self.fields["action"].choices = [(a, ACTION_LABELS[a]) for a in actions]
        if len(actions) == 1:
            self.fields["action"].initial = actions[0]

    def service_data(self) -> dict:
        data = {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}
        for key in ("action", "opinion", "minutes"):
            data.pop(key, None)
        return data


class TransferForm(forms.Form):
    to_username = forms.CharField(label=_("转交给（用户名）"), max_length=150)
    reason = forms.CharField(label=_("转交原因"), max_length=500)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("评论"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))


class CarbonCopyForm(forms.Form):
    usernames = forms.CharField(label=_("抄送给（用户名，逗号分隔）"), max_length=500)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回原因"), max_length=500, required=False)


class ObjectionForm(forms.Form):
    about = forms.TypedChoiceField(label=_("反映对象"), coerce=int, required=False)
    text = forms.CharField(
        label=_("实名反映内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )

    def __init__(self, *args, targets: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A notice listing several cases asks which one the objection is about.
        if targets:
            self.fields["about"].choices = targets
            self.fields["about"].required = True
        else:
            del self.fields["about"]
