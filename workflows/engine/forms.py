"""Forms for acting on tasks and cases. They only shape input; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .declaration import Step


class TaskActionForm(forms.Form):
    """The decision every step takes: which action, and the opinion. A step's own fields are
    its declared form (``Step.form``)."""

    action = forms.ChoiceField(label=_("办理意见"), widget=forms.RadioSelect)
    opinion = forms.CharField(
        label=_("意见内容"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, step: Step, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = step.action_keys
        self.fields["action"].choices = [(a.action.key, a.action.label) for a in step.actions]
        if len(step.actions) == 1:
            self.fields["action"].initial = step.actions[0].action.key


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
