"""Forms for 换届: they shape input (names to member ids, per-candidate counts); services decide."""

from __future__ import annotations

import re
from collections import Counter

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.engine.bounds import HEADCOUNT, SEATS
from workflows.engine.confirmation import OutcomeConfirmMixin
from workflows.engine.fields import process_date_field
from workflows.org.models import Member, Standing
from workflows.wording import fraction_text

from . import conditions
from .ballot import BallotCount, Outcome, count_outcome, outcome_reason
from .models import Method
from .services import OFFICER_ROLES

_SPLIT = re.compile(r"[、,，;；\s]+")
# 张伟（57）: a name two members share, with the member number that tells them apart.
_NUMBERED = re.compile(r"(.+?)[（(](\d+)[)）]")


def _members_named(members: list[Member], text: str, label) -> list[Member]:
    """Members by name; a name two members share carries the member number, 张伟（57）, or
    is written as the number alone."""
    found, errors = [], []
    for name in [n for n in _SPLIT.split(text.strip()) if n]:
        numbered = _NUMBERED.fullmatch(name)
        if name.isdigit():
            matches = [m for m in members if m.pk == int(name)]
        elif numbered:
            matches = [m for m in members if m.pk == int(numbered[2]) and m.name == numbered[1]]
        else:
            matches = [m for m in members if m.name == name]
        if len(matches) == 1:
            found.append(matches[0])
        elif not matches:
            errors.append(
                _("%(label)s“%(name)s”不是本团支部在册团员") % {"label": label, "name": name}
            )
        else:
            errors.append(
                _("%(label)s“%(name)s”有 %(count)s 人同名，请写明团员编号：%(choices)s")
                % {
                    "label": label,
                    "name": name,
                    "count": len(matches),
                    "choices": "、".join(
                        f"{m.name}（{m.pk}）" for m in sorted(matches, key=lambda m: m.pk)
                    ),
                }
            )
    if errors:
        raise forms.ValidationError(errors)
    return found


class PlanForm(forms.Form):
    """The 请示: the meeting, the seats, the candidates with their 简历, the vote counters."""

    meeting_date = process_date_field(_("团员大会日期"))
    place = forms.CharField(label=_("地点"), max_length=120)
    agenda = forms.CharField(
        label=_("议程（每行一项）"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    seats = forms.IntegerField(label=_("应选名额"), **SEATS.limits)
    method = forms.ChoiceField(label=_("选举办法"), choices=Method.choices)
    candidates_text = forms.CharField(
        label=_("候选人及简历（每行一人：姓名：简历）"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )
    scrutineers_text = forms.CharField(label=_("监票人（姓名，顿号分隔）"), max_length=500)
    tellers_text = forms.CharField(label=_("计票人（姓名，顿号分隔）"), max_length=500)

    def __init__(self, *args, branch, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(Member.objects.filter(branch=branch, is_active=True))

    def clean_candidates_text(self) -> list[dict]:
        entries = []
        for line in self.cleaned_data["candidates_text"].splitlines():
            if not line.strip():
                continue
            name, *rest = re.split(r"[:：]", line.strip(), maxsplit=1)
            resume = rest[0] if rest else ""
            member = _members_named(self.members, name, _("候选人"))[0]
            entries.append({"member": member.pk, "resume": resume.strip()})
        return entries

    def clean_scrutineers_text(self) -> list[int]:
        return [
            m.pk
            for m in _members_named(
                self.members, self.cleaned_data["scrutineers_text"], _("监票人")
            )
        ]

    def clean_tellers_text(self) -> list[int]:
        return [
            m.pk
            for m in _members_named(self.members, self.cleaned_data["tellers_text"], _("计票人"))
        ]

    def plan_data(self) -> dict:
        data = self.cleaned_data
        return {
            "meeting_date": data["meeting_date"],
            "place": data["place"],
            "agenda": data["agenda"],
            "seats": data["seats"],
            "method": data["method"],
            "candidates": data["candidates_text"],
            "scrutineers": data["scrutineers_text"],
            "tellers": data["tellers_text"],
        }


def plan_initial(election, members: list[Member]) -> dict:
    """The 请示 as it was sent, in the form's words: read back unchanged, it names the same
    people — a name two of ``members`` share carries its member number, a 简历 stays on its
    candidate's line."""
    shared = {name for name, count in Counter(m.name for m in members).items() if count > 1}

    def named(member: Member) -> str:
        return f"{member.name}（{member.pk}）" if member.name in shared else member.name

    def line(candidate) -> str:
        return f"{named(candidate.member)}：{' '.join(candidate.resume.splitlines())}"

    return {
        "meeting_date": election.meeting_date,
        "place": election.place,
        "agenda": election.agenda,
        "seats": election.seats,
        "method": election.method,
        "candidates_text": "\n".join(line(c) for c in election.candidates.all()),
        "scrutineers_text": "、".join(named(m) for m in election.scrutineers.all()),
        "tellers_text": "、".join(named(m) for m in election.tellers.all()),
    }


class ResubmitForm(PlanForm):
    """The 请示 edited on the revise step, as it was sent; withdrawing needs none of it."""

    def __init__(self, data=None, *, case, task):
        super().__init__(data, branch=case.org)
        self.initial = plan_initial(case, self.members)
        self.withdrawing = bool(data) and data.get("action") == "withdraw"
        if self.withdrawing:
            for field in self.fields.values():
                field.required = False

    def service_data(self) -> dict:
        return {} if self.withdrawing else {"plan": self.plan_data()}


def round_consequence(outcome: Outcome, names: dict) -> str:
    """What recording a counted round leads to."""
    listed = "、".join(names[key] for key in outcome.elected) or _("无")
    if outcome.kind == "invalid":
        return _("本轮选举无效；提交后本轮作废，须重新投票")
    if outcome.kind == "tie":
        return _("%(names)s 票数相等；提交后就其中 %(places)s 个名额重新投票") % {
            "names": "、".join(names[key] for key in outcome.tied),
            "places": outcome.tie_places,
        }
    if outcome.kind == "shortfall":
        return _("当选：%(names)s，尚缺 %(shortfall)s 名；提交后对不足名额另行处理") % {
            "names": listed,
            "shortfall": outcome.shortfall,
        }
    return _("当选：%(names)s；提交后进入委员会第一次会议") % {"names": listed}


class RoundForm(OutcomeConfirmMixin, forms.Form):
    """The roll call and the tellers' count for one round of voting. A round that elects
    nobody to some place (void, a tie, too few votes) is confirmed before it is recorded, its
    outcome shown in the words the record keeps."""

    confirm_action = "record_round"

    meeting_date = process_date_field(_("会议日期"), required=False)
    expected = forms.MultipleChoiceField(
        label=_("应到会"), required=False, widget=forms.CheckboxSelectMultiple
    )
    attended = forms.MultipleChoiceField(
        label=_("实到会"), required=False, widget=forms.CheckboxSelectMultiple
    )
    issued = forms.IntegerField(label=_("发出选票"), required=False, **HEADCOUNT.limits)
    returned = forms.IntegerField(label=_("收回选票"), required=False, **HEADCOUNT.limits)
    void = forms.IntegerField(
        label=_("废票（所选人数多于应选名额等）"), required=False, **HEADCOUNT.limits
    )

    def __init__(self, data=None, *, case, task):
        super().__init__(data, initial={"meeting_date": timezone.localdate()})
        members = list(case.org.members.filter(is_active=True).order_by("name"))
        choices = [
            (
                str(m.pk),
                f"{m.name}（{m.get_standing_display()}）"
                if m.standing != Standing.GOOD
                else m.name,
            )
            for m in members
        ]
        self.fields["expected"].choices = choices
        self.fields["attended"].choices = choices
        self.fields["expected"].initial = [str(m.pk) for m in members]
        self.roster = members
        _kind, self.candidates, self.places, majority = conditions.round_setup(case)
        self.rules = conditions.count_rules_of(case, majority=majority)
        self.elected = list(case.candidates.filter(elected=True))
        for candidate in self.candidates:
            self.fields[f"votes_{candidate.pk}"] = forms.IntegerField(
                label=candidate.member.name, required=False, **HEADCOUNT.limits
            )
        self.confirm_field_add()
        self.outcome_lines: list[str] = []

    def clean(self):
        data = super().clean()
        counted = ("issued", "returned", "void")
        if self.recording() and all(data.get(key) is not None for key in counted):
            count = self._count(data)
            outcome = count_outcome(count, self.rules)
            self.outcome_lines = outcome.problems or [
                outcome_reason(count, self.rules, c.pk, c.member.name) for c in self.candidates
            ]
            self.outcome_confirm(
                sentence=round_consequence(outcome, count.names),
                failing=outcome.kind != "elected",
            )
        return data

    def rule_text(self) -> str:
        """The count's rules as this election's rulebook sets them."""
        values = {"quorum": fraction_text(self.rules.quorum)}
        if self.rules.majority is None:
            return (
                _(
                    "规则：实到会有选举权的团员须超过应到会的%(quorum)s，选举方为有效；收回选票不得多于"
                    "发出选票；所选人数多于应选名额的选票为废票；本轮为就票数相等者重新投票，以得票多少"
                    "为序当选。留团察看的团员不计入应到会人数。"
                )
                % values
            )
        values["majority"] = fraction_text(self.rules.majority)
        return (
            _(
                "规则：实到会有选举权的团员须超过应到会的%(quorum)s，选举方为有效；收回选票不得多于"
                "发出选票；所选人数多于应选名额的选票为废票；赞成票超过实到会有选举权团员的"
                "%(majority)s始得当选，多于应选名额时以得票多少为序，票数相等不能确定当选人时就票数"
                "相等者重新投票。留团察看的团员不计入应到会人数。"
            )
            % values
        )

    def _count(self, data) -> BallotCount:
        """The round as the service will count it: 留团察看 members are off the roll."""
        standing = {m.pk: m.standing for m in self.roster}
        expected = [int(pk) for pk in data.get("expected") or []] or list(standing)
        voters = {pk for pk in expected if standing.get(pk) == Standing.GOOD}
        present = [int(pk) for pk in data.get("attended") or [] if int(pk) in voters]
        return BallotCount(
            should_attend=len(voters),
            present=len(present),
            issued=data["issued"],
            returned=data["returned"],
            void=data["void"],
            seats=self.places,
            votes={c.pk: data.get(f"votes_{c.pk}") or 0 for c in self.candidates},
            names={c.pk: c.member.name for c in self.candidates},
        )

    def vote_fields(self):
        return [self[f"votes_{c.pk}"] for c in self.candidates]

    def service_data(self) -> dict:
        data = self.cleaned_data
        result = {
            "meeting_date": data.get("meeting_date"),
            "expected": [int(pk) for pk in data.get("expected") or []],
            "attended": [int(pk) for pk in data.get("attended") or []],
            "votes": {c.pk: data.get(f"votes_{c.pk}") or 0 for c in self.candidates},
        }
        for key in ("issued", "returned", "void"):
            if data.get(key) is not None:
                result[key] = data[key]
        return result


ROLE_CHOICES = [(role.value, role.label) for role in OFFICER_ROLES]


class OfficersForm(forms.Form):
    """The first committee meeting: each elected member's office and duty."""

    def __init__(self, data=None, *, case, task):
        super().__init__(data)
        self.elected = list(case.candidates.filter(elected=True))
        for index, candidate in enumerate(self.elected):
            member = candidate.member
            default = OFFICER_ROLES[0] if index == 0 else OFFICER_ROLES[-1]
            self.fields[f"role_{member.pk}"] = forms.ChoiceField(
                label=member.name, choices=ROLE_CHOICES, initial=default
            )
            self.fields[f"duty_{member.pk}"] = forms.CharField(
                label=_("分工"), max_length=60, required=False
            )

    def rows(self):
        return [(self[f"role_{c.member_id}"], self[f"duty_{c.member_id}"]) for c in self.elected]

    def service_data(self) -> dict:
        return {
            "officers": [
                {
                    "member": c.member_id,
                    "role": self.cleaned_data[f"role_{c.member_id}"],
                    "duty": self.cleaned_data.get(f"duty_{c.member_id}", ""),
                }
                for c in self.elected
            ]
        }


class TermChangeForm(forms.Form):
    due_after = process_date_field(_("申请换届日期"))
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class TermStartForm(forms.Form):
    starts_on = process_date_field(_("本届任期开始日期"))
