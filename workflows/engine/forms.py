"""Forms for acting on tasks and cases. They only shape input; services decide."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from workflows.wording import list_text

from .declaration import Step
from .opinions import opinion_contradiction
from .registry import processes

PICK_MAX = 50
PICK_TEXT_MAX = 1000


@dataclass(frozen=True)
class PersonChoice:
    """What a person picker posts: the ids of those chosen from its list, or usernames typed."""

    ids: list[str] = field(default_factory=list)
    text: str = ""


class PersonPicker(forms.TextInput):
    """A username box that static/js/picker.js turns into search-as-you-type over ``url``;
    each person chosen posts their id as ``<name>_id``. Without the script (or when nobody is
    chosen) the typed usernames are read instead. With ``ids_as_value`` the ids post under the
    field's own name and the box is ``<name>_username`` (a form whose field was a select)."""

    def __init__(
        self, *, multiple: bool = False, ids_as_value: bool = False, attrs: dict | None = None
    ):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.multiple = multiple
        self.ids_as_value = ids_as_value
        self.url = ""

    def names(self, name: str) -> tuple[str, str]:
        """(the ids' input name, the box's input name)."""
        return (name, f"{name}_username") if self.ids_as_value else (f"{name}_id", name)

    def value_from_datadict(self, data, files, name) -> PersonChoice:
        ids, text = self.names(name)
        return PersonChoice(ids=data.getlist(ids), text=data.get(text, "").strip())

    def value_omitted_from_data(self, data, files, name) -> bool:
        return not any(key in data for key in self.names(name))

    def format_value(self, value):
        return super().format_value(value.text if isinstance(value, PersonChoice) else None)

    def render(self, name, value, attrs=None, renderer=None):
        ids, text = self.names(name)
        # The script tag comes with each picker: it also serves pages this widget lands on
        # through a form whose template does not list its media; the script starts once.
        return format_html(
            '<span class="picker" data-picker="{}" data-picker-name="{}" data-picker-empty="{}"'
            ' data-picker-remove="{}"{}>{}</span><script src="{}" defer></script>',
            self.url,
            ids,
            _("没有符合条件的人员"),
            _("移除"),
            " data-picker-multiple" if self.multiple else "",
            super().render(text, value, attrs, renderer),
            static("js/picker.js"),
        )


class PersonField(forms.Field):
    """A person (or, with ``multiple``, people) from ``queryset``, picked by id or typed as a
    username; ``user_path`` leads from the queryset's rows to their user ("user__" for
    members)."""

    def __init__(
        self,
        *,
        queryset: QuerySet | None = None,
        user_path: str = "",
        multiple: bool = False,
        **kwargs,
    ):
        kwargs.setdefault("widget", PersonPicker(multiple=multiple))
        super().__init__(**kwargs)
        self.queryset = queryset
        self.user_path = user_path
        self.multiple = multiple

    def clean(self, value: PersonChoice):
        value = value if isinstance(value, PersonChoice) else PersonChoice(text=value or "")
        if len(value.text) > PICK_TEXT_MAX or len(value.ids) > PICK_MAX:
            raise forms.ValidationError(_("一次最多选择 %(count)s 人") % {"count": PICK_MAX})
        ids = {int(pk) for pk in value.ids if pk.isdigit()}
        # A single choice made in the list wins over whatever is left in the box.
        names = [] if ids and not self.multiple else _names(value.text)
        if not ids and not names:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [] if self.multiple else None
        found = {row.pk: row for row in self._rows(ids, names)}
        if not ids <= found.keys():
            raise forms.ValidationError(_("所选人员不在可选范围内"))
        usernames = {_user_of(row, self.user_path).username for row in found.values()}
        missing = [name for name in names if name not in usernames]
        if missing:
            raise forms.ValidationError(
                _("找不到用户：%(names)s") % {"names": list_text(sorted(missing))}
            )
        return list(found.values()) if self.multiple else next(iter(found.values()))

    def _rows(self, ids: set[int], names: list[str]) -> QuerySet:
        rows = self.queryset if self.queryset is not None else get_user_model().objects.all()
        if self.user_path:
            rows = rows.select_related(self.user_path.removesuffix("__"))
        return rows.filter(Q(pk__in=ids) | Q(**{f"{self.user_path}username__in": names}))


def _names(text: str) -> list[str]:
    parts = text.replace("，", ",").replace("、", ",").split(",")
    return [name.strip() for name in parts if name.strip()]


def _user_of(row, user_path: str):
    return getattr(row, user_path.removesuffix("__")) if user_path else row


class SearchInput(forms.TextInput):
    input_type = "search"


class TaskFilterForm(forms.Form):
    """The search box and filters above every task list."""

    q = forms.CharField(
        label=_("搜索"),
        max_length=50,
        required=False,
        widget=SearchInput(
            attrs={"placeholder": _("编号或姓名"), "aria-label": _("搜索"), "data-testid": "search"}
        ),
    )
    # Choosing a process or overdue applies it at once (app.js data-autosubmit).
    process = forms.ChoiceField(
        label=_("流程"),
        required=False,
        widget=forms.Select(attrs={"aria-label": _("流程"), "data-autosubmit": ""}),
    )
    overdue = forms.BooleanField(
        label=_("只看已逾期"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-autosubmit": ""}),
    )

    def __init__(self, *args, with_overdue: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = [("", _("全部流程"))] + [
            (entry.key, entry.label) for entry in processes()
        ]
        if not with_overdue:
            del self.fields["overdue"]

    def filters(self) -> dict:
        """What the selectors read: the text, the process's declaration, overdue only."""
        if not self.is_valid():
            return {}
        key = self.cleaned_data["process"]
        return {
            "text": self.cleaned_data["q"].strip(),
            "entry": next((e for e in processes() if e.key == key), None),
            "overdue": self.cleaned_data.get("overdue", False),
        }


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
    # Shown once the opinion reads as the opposite of the action (``opinion_contradiction``).
    confirm_opinion = forms.BooleanField(label=_("已核对意见，确认提交"), required=False)

    def __init__(self, *args, step: Step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.actions = step.action_keys
        # The buttons of the page's action bar, one per action the step declares.
        self.buttons = [act.action for act in step.actions]
        self.fields["action"].choices = [(a.action.key, a.action.label) for a in step.actions]
        if len(step.actions) == 1:
            self.fields["action"].initial = step.actions[0].action.key
        self.contradiction = None

    def clean(self):
        data = super().clean()
        act = self.step.act(data.get("action", ""))
        if act is not None and not data.get("confirm_opinion"):
            self.contradiction = opinion_contradiction(
                decision=act.action.decision, text=data.get("opinion", "")
            )
            if self.contradiction:
                raise forms.ValidationError(self.contradiction, code="contradiction")
        return data


class TransferForm(forms.Form):
    to = PersonField(
        label=_("转交给"),
        error_messages={"required": _("请填写转交对象")},
        widget=PersonPicker(attrs={"placeholder": _("姓名或用户名")}),
    )
    reason = forms.CharField(
        label=_("转交原因"), max_length=500, error_messages={"required": _("请填写转交原因")}
    )

    def __init__(self, *args, people_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].widget.url = people_url


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("评论"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))


class CarbonCopyForm(forms.Form):
    usernames = PersonField(
        label=_("抄送给"),
        multiple=True,
        error_messages={"required": _("请填写抄送对象")},
        widget=PersonPicker(
            multiple=True, attrs={"placeholder": _("姓名或用户名，多人用逗号分隔")}
        ),
    )

    def __init__(self, *args, people_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["usernames"].widget.url = people_url


class PhraseForm(forms.Form):
    text = forms.CharField(label=_("常用语"), max_length=200)


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
