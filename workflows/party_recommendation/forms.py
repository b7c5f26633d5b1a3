from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.engine.bounds import HEADCOUNT
from workflows.engine.confirmation import OutcomeConfirmMixin
from workflows.engine.fields import process_date_field
from workflows.engine.meeting import (
    TALLY_FIELDS,
    Consequences,
    Tally,
    roll_warning,
    tally_outcome,
    tally_word_templates,
)
from workflows.engine.services.meetings import meeting_roll
from workflows.wording import fraction_text

from .conditions import meeting_rules_of
from .models import Round, Track


class ApplicationForm(forms.Form):
    round = forms.ModelChoiceField(label=gettext_lazy("推优批次"), queryset=Round.objects.none())
    statement = forms.CharField(
        label=gettext_lazy("个人简述（思想、工作、学习情况）"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class RoundForm(forms.Form):
    track = forms.ChoiceField(label=gettext_lazy("推荐类别"), choices=Track.choices)
    title = forms.CharField(label=gettext_lazy("批次名称"), max_length=120)
    meeting_date = process_date_field(gettext_lazy("推荐日（团员大会日期）"))


class ResubmitForm(forms.Form):
    statement = forms.CharField(
        label=gettext_lazy("个人简述（修改后）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=2000,
    )

    def __init__(self, data=None, *, case, task):
        super().__init__(data, initial={"statement": case.statement if case else ""})

    def service_data(self) -> dict:
        return {"statement": self.cleaned_data["statement"]}


class TallyForm(OutcomeConfirmMixin, forms.Form):
    """The 团员大会's count. Not required field by field: the same step may return the case.

    应到会 starts from the branch's roll on the 推荐日; the outcome is shown before it is
    recorded (live in the page, static/js/tally.js), and a vote that ends the case is confirmed.
    """

    confirm_action = "record_vote"
    consequences = Consequences(
        passed=gettext_lazy("提交后进入团委审核"), failed=gettext_lazy("提交后案件终止")
    )

    meeting_date = process_date_field(gettext_lazy("会议日期"), required=False)
    should_attend = forms.IntegerField(
        label=gettext_lazy("应到会（有表决权）人数"), required=False, **HEADCOUNT.limits
    )
    present = forms.IntegerField(
        label=gettext_lazy("实到会人数"), required=False, **HEADCOUNT.limits
    )
    ballots = forms.IntegerField(label=gettext_lazy("收回选票"), required=False, **HEADCOUNT.limits)
    votes_for = forms.IntegerField(label=gettext_lazy("赞成"), required=False, **HEADCOUNT.limits)
    votes_against = forms.IntegerField(
        label=gettext_lazy("反对"), required=False, **HEADCOUNT.limits
    )
    votes_abstain = forms.IntegerField(
        label=gettext_lazy("弃权"), required=False, **HEADCOUNT.limits
    )
    secret_ballot = forms.BooleanField(
        label=gettext_lazy("无记名投票"), required=False, initial=True
    )
    minutes = forms.FileField(label=gettext_lazy("会议记录（PDF/图片）"), required=False)

    def __init__(self, data=None, *, case, task):
        self.case = case
        self.rules = meeting_rules_of(case)
        meeting_date = case.round.meeting_date
        self.roll = meeting_roll(org=case.org, on=meeting_date)
        super().__init__(data, initial={"meeting_date": meeting_date, "should_attend": self.roll})
        self.confirm_field_add()
        self.roll_warning = ""

    def word_templates(self) -> dict[str, str]:
        return tally_word_templates(self.rules, self.consequences)

    def clean(self):
        data = super().clean()
        if not self.recording() or any(data.get(name) is None for name in TALLY_FIELDS):
            return data
        tally = Tally(**{name: data[name] for name in TALLY_FIELDS})
        if data.get("meeting_date"):
            self.roll = meeting_roll(org=self.case.org, on=data["meeting_date"])
        self.roll_warning = roll_warning(should_attend=tally.should_attend, roll=self.roll)
        outcome = tally_outcome(tally, self.rules, self.consequences)
        self.outcome_confirm(sentence=outcome.sentence, failing=outcome.needs_confirmation)
        return data

    def rule_text(self) -> str:
        """The thresholds this case is decided under, worded as the rulebook sets them."""
        rules = self.rules
        return _(
            "规则：实到会须超过应到会的%(quorum)s；赞成票须超过应到会（不是实到会）人数的"
            "%(pass_line)s；赞成+反对+弃权 ≤ 收回选票 ≤ 实到会。"
        ) % {"quorum": fraction_text(rules.quorum), "pass_line": fraction_text(rules.pass_line)}

    def service_data(self) -> dict:
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("minutes", "confirm_outcome") and value is not None
        }


class PartyDecisionForm(forms.Form):
    decided_on = process_date_field(gettext_lazy("党组织决定日期"), required=False)

    def __init__(self, data=None, *, case, task):
        super().__init__(data)

    def service_data(self) -> dict:
        decided_on = self.cleaned_data.get("decided_on")
        return {"decided_on": decided_on} if decided_on else {}
