"""Forms of the committee's member management pages. They shape input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.engine.fields import past_date_widget, process_date_widget

from .models import LeaveReason, Member, Organization, OrgKind, Role
from .roster import MemberFilter

MEMBER_FIELDS = [
    "name",
    "gender",
    "birth_date",
    "id_number",
    "ethnicity",
    "political_status",
    "league_join_date",
    "education",
    "department",
    "league_post",
    "phone",
    "party_application_date",
    "party_progress",
    "activist_since",
    "is_full_time_cadre",
    "dues_paid_until",
]
PAST_FIELDS = ("birth_date", "league_join_date", "party_application_date", "activist_since")


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = MEMBER_FIELDS
        widgets = {
            **dict.fromkeys(PAST_FIELDS, past_date_widget()),
            "dues_paid_until": process_date_widget(),
        }


class MemberJoinForm(MemberForm):
    class Meta(MemberForm.Meta):
        fields = ["branch", *MEMBER_FIELDS]

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["league_join_date"].required = True


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名、手机或身份证号"), required=False, max_length=40)
    branch = forms.ModelChoiceField(
        label=_("团支部"), queryset=None, required=False, empty_label=_("全部")
    )
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[
            (MemberFilter.ACTIVE, _("在册")),
            (MemberFilter.PROBATION, _("留团察看")),
            (MemberFilter.OVER_AGE_SOON, _("即将超龄")),
            (MemberFilter.OVER_AGE, _("已到离团年龄")),
            (MemberFilter.LEFT, _("已离团")),
        ],
    )

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches


class TransferForm(forms.Form):
    to_branch = forms.ModelChoiceField(
        label=_("转入团支部"),
        queryset=Organization.objects.filter(kind=OrgKind.BRANCH).order_by("path"),
    )
    reason = forms.CharField(label=_("转接原因"), max_length=200)


class TransferDecisionForm(forms.Form):
    note = forms.CharField(label=_("办理意见"), max_length=200, required=False)


class LeaveForm(forms.Form):
    reason = forms.ChoiceField(label=_("离团原因"), choices=LeaveReason.choices)
    on = forms.DateField(label=_("离团日期"), widget=process_date_widget())


class ProbationForm(forms.Form):
    since = forms.DateField(label=_("留团察看起始"), widget=process_date_widget())
    months = forms.IntegerField(label=_("期限（月）"), min_value=1, max_value=24, initial=6)
    reason = forms.CharField(label=_("事由和决定"), max_length=500, widget=forms.Textarea)


class ProbationEndForm(forms.Form):
    on = forms.DateField(label=_("解除日期"), widget=process_date_widget())
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class AppointForm(forms.Form):
    member = forms.ModelChoiceField(label=_("任职人"), queryset=None)
    role = forms.ChoiceField(label=_("职务"), choices=Role.choices)
    start_date = forms.DateField(label=_("任职日期"), widget=process_date_widget())

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class AppointmentEndForm(forms.Form):
    end_date = forms.DateField(label=_("离任日期"), widget=process_date_widget())
    reason = forms.CharField(label=_("事由"), max_length=200, required=False)


class SubstituteForm(forms.Form):
    member = forms.ModelChoiceField(label=_("代理人"), queryset=None)
    start_date = forms.DateField(label=_("开始日期"), widget=process_date_widget())
    end_date = forms.DateField(label=_("结束日期"), widget=process_date_widget())
    reason = forms.CharField(label=_("事由"), max_length=200, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
