"""Forms of 青年文明号: starting a cycle and its rubric, collectives and rosters, 创建备案 and
申报, a 互检互查 score sheet, and the step forms of the cycle and the yearly review."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.engine.bounds import YEAR
from workflows.engine.errors import CaseError
from workflows.engine.fields import birth_date_field, process_date_field
from workflows.org.models import Organization

from .models import CYCLE_START_YEAR, Collective, CollectiveKind, PostRole, ReviewGroup, Stars
from .peer_review import cycle_results
from .rubric import Rubric, points_text, rubric_from_text


def _area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CycleForm(forms.Form):
    title = forms.CharField(label=_("届期名称"), max_length=120)
    start_year = forms.IntegerField(label=_("创建年度（奇数年）"), **CYCLE_START_YEAR.limits)
    filing_deadline = process_date_field(_("创建备案截止日"))
    application_deadline = process_date_field(_("申报截止日"))
    notice = forms.CharField(label=_("通知正文"), widget=_area(5), max_length=6000)


class RubricForm(forms.Form):
    text = forms.CharField(
        label=_("考核评分细则"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "mono"}),
        help_text=_("每部分一行写名称；其下每个评分项目缩进一行，以分值结尾。"),
    )

    def clean_text(self) -> Rubric:
        try:
            return rubric_from_text(self.cleaned_data["text"])
        except CaseError as error:
            raise forms.ValidationError(error.messages) from error


class CollectiveForm(forms.Form):
    org = forms.ModelChoiceField(label=_("所属团组织"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("集体名称"), max_length=120)
    kind = forms.ChoiceField(label=_("类型"), choices=CollectiveKind.choices)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class PersonForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    gender = forms.ChoiceField(label=_("性别"), choices=[("男", _("男")), ("女", _("女"))])
    birth_date = birth_date_field(_("出生日期"))
    post = forms.CharField(label=_("岗位"), max_length=60, required=False)
    role = forms.ChoiceField(label=_("职责"), choices=PostRole.choices, initial=PostRole.MEMBER)


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=_("名册（Excel .xlsx 或 CSV）"))


class GroupForm(forms.Form):
    division = forms.CharField(label=_("大组"), max_length=60, required=False)
    name = forms.CharField(label=_("小组名称"), max_length=60)


class GroupSetForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("评审小组"), queryset=ReviewGroup.objects.none(), required=False
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class FilingForm(forms.Form):
    collective = forms.ModelChoiceField(label=_("集体"), queryset=Collective.objects.none())
    plan = forms.CharField(label=_("创建规划"), widget=_area(5), max_length=4000)
    targets = forms.CharField(label=_("创建目标"), widget=_area(3), max_length=2000)
    carriers = forms.CharField(label=_("创建载体"), widget=_area(3), max_length=2000)
    slogan = forms.CharField(label=_("创建口号"), max_length=60)
    pledge = forms.CharField(label=_("岗位承诺"), widget=_area(3), max_length=2000)

    def __init__(self, *args, collectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].queryset = collectives
        only = list(collectives[:2])
        if len(only) == 1:
            self.fields["collective"].initial = only[0].pk


def score_field_name(code: str) -> str:
    return "score_" + code.replace(".", "_")


class ScoreSheetMixin:
    """One number field per rubric item (0 up to its points, in half points)."""

    def add_score_fields(self, rubric: Rubric, initial: dict | None = None) -> None:
        self.rubric = rubric
        for item in rubric.items:
            self.fields[score_field_name(item.code)] = forms.DecimalField(
                label=f"{item.code} {item.text}（{points_text(item.max)}）",
                min_value=0,
                max_value=item.max,
                decimal_places=1,
                initial=(initial or {}).get(item.code),
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )

    def score_rows(self):
        """(section, [bound fields]) for the template."""
        return [
            (section, [self[score_field_name(item.code)] for item in section.items])
            for section in self.rubric.sections
        ]

    def scores(self) -> dict[str, str]:
        return {
            item.code: str(self.cleaned_data[score_field_name(item.code)])
            for item in self.rubric.items
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ApplicationForm(ScoreSheetMixin, forms.Form):
    collective = forms.ModelChoiceField(label=_("集体"), queryset=Collective.objects.none())
    summary = forms.CharField(label=_("创建工作总结"), widget=_area(8), max_length=6000)
    evidence = MultipleFileField(label=_("佐证材料（可多选）"), required=False)

    def __init__(self, *args, collectives, rubric: Rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].queryset = collectives
        only = list(collectives[:2])
        if len(only) == 1:
            self.fields["collective"].initial = only[0].pk
        self.add_score_fields(rubric)


class PeerReviewForm(ScoreSheetMixin, forms.Form):
    comment = forms.CharField(label=_("评审意见"), widget=_area(3), max_length=2000, required=False)

    def __init__(self, *args, rubric: Rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_score_fields(rubric)


class YearlyStartForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("团委"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("复核年度"), **YEAR.limits)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["year"].initial = timezone.localdate().year


# --- step forms on the engine's task page (``case`` and ``task`` keywords) ------------


class OpenApplicationsForm(forms.Form):
    application_deadline = process_date_field(_("申报截止日"))

    def __init__(self, data=None, *, case, task):
        super().__init__(data, initial={"application_deadline": case.application_deadline})

    def service_data(self) -> dict:
        return {"application_deadline": self.cleaned_data["application_deadline"].isoformat()}


class StartPeerReviewForm(forms.Form):
    review_due_on = process_date_field(_("互检互查截止日（空为按规则计算）"), required=False)

    def __init__(self, data=None, *, case, task):
        super().__init__(data)

    def service_data(self) -> dict:
        day = self.cleaned_data.get("review_due_on")
        return {"review_due_on": day.isoformat()} if day else {}


STAR_CHOICES = [(0, _("不予命名")), *Stars.choices]


class AssessmentForm(forms.Form):
    """团委评定: a star level per applicant (the scores suggest one), and whether to stop
    waiting for missing score sheets."""

    allow_missing = forms.BooleanField(label=_("未提交的评分不再等待"), required=False)

    def __init__(self, data=None, *, case, task):
        super().__init__(data)
        self.results = cycle_results(cycle=case)
        for result in self.results:
            self.fields[f"stars_{result.application.pk}"] = forms.TypedChoiceField(
                label=result.application.collective.name,
                choices=STAR_CHOICES,
                coerce=int,
                initial=result.suggested,
            )

    def rows(self):
        return [(r, self[f"stars_{r.application.pk}"]) for r in self.results]

    def service_data(self) -> dict:
        return {
            "stars": {
                str(r.application.pk): self.cleaned_data[f"stars_{r.application.pk}"]
                for r in self.results
            },
            "allow_missing": self.cleaned_data["allow_missing"],
        }


class FilingResubmitForm(forms.Form):
    plan = forms.CharField(label=_("创建规划"), widget=_area(5), max_length=4000)
    targets = forms.CharField(label=_("创建目标"), widget=_area(3), max_length=2000)
    carriers = forms.CharField(label=_("创建载体"), widget=_area(3), max_length=2000)
    slogan = forms.CharField(label=_("创建口号"), max_length=60)
    pledge = forms.CharField(label=_("岗位承诺"), widget=_area(3), max_length=2000)

    def __init__(self, data=None, *, case, task):
        fields = ("plan", "targets", "carriers", "slogan", "pledge")
        super().__init__(data, initial={name: getattr(case, name) for name in fields})

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ApplicationResubmitForm(ScoreSheetMixin, forms.Form):
    summary = forms.CharField(label=_("创建工作总结"), widget=_area(8), max_length=6000)

    def __init__(self, data=None, *, case, task):
        super().__init__(data, initial={"summary": case.summary})
        self.add_score_fields(case.rubric.rubric, initial=case.self_scores)

    def service_data(self) -> dict:
        return {"summary": self.cleaned_data["summary"], "scores": self.scores()}


class YearlyReportForm(forms.Form):
    report = forms.CharField(label=_("年度创建工作报告"), widget=_area(8), max_length=6000)

    def __init__(self, data=None, *, case, task):
        super().__init__(data, initial={"report": case.report})

    def service_data(self) -> dict:
        return {"report": self.cleaned_data["report"]}


class YearlyReviewForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("降星后的星级（仅“降星”时填写）"),
        choices=[("", "—"), *Stars.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, data=None, *, case, task):
        super().__init__(data)
        self.review = case

    def service_data(self) -> dict:
        stars = self.cleaned_data.get("stars")
        return {"stars": stars} if stars else {}


class RectificationForm(forms.Form):
    rectification = forms.CharField(label=_("整改报告"), widget=_area(8), max_length=6000)

    def __init__(self, data=None, *, case, task):
        super().__init__(data, initial={"rectification": case.rectification})

    def service_data(self) -> dict:
        return {"rectification": self.cleaned_data["rectification"]}
