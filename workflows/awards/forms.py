"""Forms of 五四评优: starting a campaign, a nomination, a judge's ballot, and the campaign's
task steps (shortlist with tie decisions, 党委审定 with declines, revising a nomination)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from workflows.engine.bounds import YEAR
from workflows.engine.confirmation import OutcomeConfirmMixin
from workflows.engine.fields import process_date_field
from workflows.org.models import Member, Organization

from .conditions import rules_of
from .models import Category, Judging, NominationStatus
from .panel import panel_results
from .services import panel_words


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("评选名称"), max_length=120)
    year = forms.IntegerField(label=_("表彰年度"), **YEAR.limits)
    cutoff_date = process_date_field(_("条件计算截止日"))
    deadline = process_date_field(_("推荐截止日"))
    notice = forms.CharField(
        label=_("通知正文（评选意义、组织要求等）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=6000,
    )
    judges = forms.ModelMultipleChoiceField(
        label=_("评审委员"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    codes = forms.MultipleChoiceField(
        label=_("奖项"), widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, judges_queryset, presets: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judges"].queryset = judges_queryset
        self.fields["codes"].choices = [(p["code"], _(p["name"])) for p in presets]
        self.fields["codes"].initial = [p["code"] for p in presets]


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = [
            "name",
            "judging",
            "basis",
            "quota_value",
            "unit_quota_value",
            "age_min",
            "age_max",
            "league_years_min",
            "league_member_required",
            "review_required",
            "volunteer_hours_min",
            "dues_arrears_max",
            "cadre_years_min",
            "exclude_full_time_cadre",
            "repeat_gap_years",
            "unit_members_min",
            "term_current_required",
            "deeds_max_chars",
        ]


class NominationForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("被推荐团员"), queryset=Member.objects.none(), required=False
    )
    org = forms.ModelChoiceField(
        label=_("推荐集体"), queryset=Organization.objects.none(), required=False
    )
    post = forms.CharField(label=_("职务/职称"), max_length=60, required=False)
    deeds = forms.CharField(label=_("主要事迹"), widget=forms.Textarea(attrs={"rows": 10}))
    honours = forms.CharField(
        label=_("奖惩情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, category: Category, members, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        self.fields["deeds"].max_length = category.deeds_max_chars
        self.fields["deeds"].help_text = _("不超过 %(limit)s 字") % {
            "limit": category.deeds_max_chars
        }
        if category.is_collective:
            del self.fields["member"]
            del self.fields["post"]
            self.fields["org"].queryset = orgs
            self.fields["org"].required = True
        else:
            del self.fields["org"]
            self.fields["member"].queryset = members
            self.fields["member"].required = True
            only = list(members[:2])
            if len(only) == 1:
                # A member who can nominate only themself need not pick their own name.
                self.fields["member"].initial = only[0].pk


class ShortlistForm(OutcomeConfirmMixin, forms.Form):
    """The panel's result: decide ties at a quota line; confirm absent judges. The nominees it
    leaves out end there: the page names them first, in the words their record will keep, and
    publishing asks to confirm it."""

    confirm_action = "publish_shortlist"
    picks = forms.MultipleChoiceField(
        label=_("并列人选中决定入围的"), required=False, widget=forms.CheckboxSelectMultiple
    )
    allow_missing = forms.BooleanField(label=_("缺席评委按未投赞成票计"), required=False)

    def __init__(self, data=None, *, case, task):
        super().__init__(data)
        self.campaign = case
        self.results = panel_results(campaign=case)
        self.fields["picks"].choices = [
            (t.nomination_id, t.name) for r in self.results for t in r.ranking.tied
        ]
        self.confirm_field_add()
        self.left_out = self._left_out(self.results)

    def _left_out(self, results) -> list[str]:
        """Each nominee the shortlist leaves out, with the words their record will keep (ties
        still to be decided are not yet out)."""
        fraction = rules_of(self.campaign).fraction("shortlist_fraction")
        return [
            f"{tally.name}：{panel_words(tally, fraction, result)}"
            for result in results
            for tally in result.tallies
            if tally.nomination_id not in result.ranking.selected
            and tally not in result.ranking.tied
        ]

    def left_out_sentence(self) -> str:
        count = len(self.left_out)
        return ngettext(
            "提交后 %(count)s 人未入围，其推荐到此结束",
            "提交后 %(count)s 人未入围，其推荐到此结束",
            count,
        ) % {"count": count}

    def clean(self):
        data = super().clean()
        if self.recording():
            picks = {int(pk) for pk in data.get("picks") or []}
            self.results = panel_results(campaign=self.campaign, picks=picks)
            self.left_out = self._left_out(self.results)
            ties_open = any(result.ranking.tie_open for result in self.results)
            self.outcome_confirm(
                sentence=self.left_out_sentence(), failing=bool(self.left_out) and not ties_open
            )
        return data

    def service_data(self) -> dict:
        return {
            "picks": [int(pk) for pk in self.cleaned_data["picks"]],
            "allow_missing": self.cleaned_data["allow_missing"],
        }


class PartyConfirmForm(forms.Form):
    decided_on = process_date_field(_("党委审定日期"), required=False)
    declined = forms.MultipleChoiceField(
        label=_("不同意的人选（须在意见中说明理由）"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data=None, *, case, task):
        super().__init__(data)
        self.passed = list(case.nominations.filter(status=NominationStatus.PUBLICITY_PASSED))
        self.paused = list(case.nominations.filter(status=NominationStatus.OBJECTION))
        self.fields["declined"].choices = [(n.pk, n.headline) for n in self.passed]

    def service_data(self) -> dict:
        data = {"declined": [int(pk) for pk in self.cleaned_data["declined"]]}
        if self.cleaned_data.get("decided_on"):
            data["decided_on"] = self.cleaned_data["decided_on"].isoformat()
        return data


class ResubmitForm(forms.Form):
    deeds = forms.CharField(
        label=_("主要事迹（修改后）"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )

    def __init__(self, data=None, *, case, task):
        super().__init__(data, initial={"deeds": case.deeds})
        self.fields["deeds"].max_length = case.category.deeds_max_chars

    def service_data(self) -> dict:
        return {"deeds": self.cleaned_data["deeds"]}


def ballot_entries(post, nominations) -> dict[int, dict]:
    """A judge's ballot from the page: ``vote-<pk>`` = yes/no or ``score-<pk>`` = number."""
    entries = {}
    for nomination in nominations:
        if nomination.category.judging == Judging.SCORE:
            value = post.get(f"score-{nomination.pk}", "").strip()
            if value:
                entries[nomination.pk] = {"score": value}
        else:
            value = post.get(f"vote-{nomination.pk}")
            if value in ("yes", "no"):
                entries[nomination.pk] = {"approve": value == "yes"}
    return entries
