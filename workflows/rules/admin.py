"""Admin: rulebooks are append-only (every save is a new version); calendar corrections, and the
year's State Council holiday notice imported into them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .calendar import calendar_covers, is_working_day
from .defaults import DEFAULTS, PROCESS_LABELS, Kind, Setting, settings_for
from .models import CalendarOverride, HolidayNotice, Rulebook
from .notice import NoticeError, notice_parse, notice_year
from .selectors import rulebook_effective
from .services import holiday_notice_import, rulebook_create
from .validation import rulebook_errors

WEEKDAYS = "一二三四五六日"


class RulebookAdminForm(forms.ModelForm):
    request: HttpRequest | None = None

    class Meta:
        model = Rulebook
        fields = ["committee", "process", "effective_from", "settings", "note"]

    def clean_settings(self) -> dict:
        return self.cleaned_data.get("settings") or {}

    def clean(self) -> dict:
        cleaned = super().clean()
        committee = cleaned.get("committee", self.instance.committee)
        user = self.request.user if self.request else None
        if committee is None and user is not None and not user.is_superuser:
            self.add_error("committee", _("只有系统管理员可以设置全国默认规则"))
        process = cleaned.get("process", self.instance.process)
        if process and "settings" in cleaned and cleaned.get("effective_from"):
            draft = Rulebook(
                committee=committee,
                process=process,
                settings=cleaned["settings"],
                effective_from=cleaned["effective_from"],
            )
            for error in rulebook_errors(rulebook=draft):
                self.add_error("settings", error)
        return cleaned


@admin.register(Rulebook)
class RulebookAdmin(admin.ModelAdmin):
    form = RulebookAdminForm
    list_display = ("process", "level", "version", "effective_from", "created_by", "created_at")
    list_filter = ("process",)
    search_fields = ("committee__name", "committee__short_name", "note")
    date_hierarchy = "effective_from"
    readonly_fields = ("version", "effective_settings", "reference", "created_by", "created_at")
    fieldsets = (
        (
            None,
            {"fields": ("committee", "process", "version", "effective_from", "settings", "note")},
        ),
        (_("生效设置"), {"fields": ("effective_settings",)}),
        (_("可覆盖的设置项"), {"fields": ("reference",), "classes": ("collapse",)}),
        (_("记录"), {"fields": ("created_by", "created_at")}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Rulebook | None = None) -> tuple:
        # A change is a new version of the same rulebook; another level or process is an "add".
        if obj is not None:
            return ("committee", "process", *self.readonly_fields)
        return self.readonly_fields

    def get_form(self, request: HttpRequest, obj: Rulebook | None = None, **kwargs: Any):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def has_delete_permission(self, request: HttpRequest, obj: Rulebook | None = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Rulebook, form: forms.ModelForm, change: bool
    ) -> None:
        saved = rulebook_create(
            committee=obj.committee,
            process=obj.process,
            settings=obj.settings,
            effective_from=obj.effective_from,
            note=obj.note,
            by=request.user,
        )
        # The admin logs and redirects with ``obj``: point it at the new row, not the old one.
        obj.pk = saved.pk
        obj.version = saved.version
        obj.created_by = saved.created_by
        obj.created_at = saved.created_at
        obj._state.adding = False
        obj._state.db = saved._state.db
        if change:
            self.message_user(request, f"已另存为新版本：{saved.level_label}；原版本保持不变。")

    def response_change(self, request: HttpRequest, obj: Rulebook) -> HttpResponse:
        response = super().response_change(request, obj)
        # "Save and continue" returns to request.path, the old version; follow the new one.
        if isinstance(response, HttpResponseRedirect) and response.url.startswith(request.path):
            new_path = reverse("admin:rules_rulebook_change", args=[obj.pk])
            response["Location"] = new_path + response.url[len(request.path) :]
        return response

    @admin.display(description=_("层级"), ordering="committee__path")
    def level(self, obj: Rulebook) -> str:
        return obj.level_name

    @admin.display(description=_("生效设置（含上级与默认）"))
    def effective_settings(self, obj: Rulebook) -> str:
        if obj.pk is None:
            return _("保存后显示")
        values = rulebook_effective(rulebook=obj).values
        rows = []
        for key, setting in settings_for(obj.process).items():
            if key in obj.settings:
                origin = "本版本"
            elif values[key] != setting.default:
                origin = "上级"
            else:
                origin = "默认"
            rows.append(
                (
                    setting.label,
                    key,
                    _value_text(setting, values[key]),
                    _value_text(setting, setting.default),
                    origin,
                )
            )
        return _table(("设置项", "键", "生效值", "默认值", "来源"), rows)

    @admin.display(description=_("可覆盖的设置项"))
    def reference(self, obj: Rulebook) -> str:
        processes = [obj.process] if obj.process in DEFAULTS else list(DEFAULTS)
        rows = [
            (
                PROCESS_LABELS[process],
                key,
                setting.label,
                _kind_text(setting),
                _value_text(setting, setting.default),
                setting.source,
            )
            for process in processes
            for key, setting in settings_for(process).items()
        ]
        return _table(("流程", "键", "设置项", "类型", "默认值", "依据"), rows)


class NoticeImportForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    text = forms.CharField(
        label=_("通知正文"),
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text=_("粘贴国务院办公厅关于该年部分节假日安排的通知，至少包括“一、元旦：……”等各条。"),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        year, text = cleaned.get("year"), cleaned.get("text")
        if year is None or not text:
            return cleaned
        titled = notice_year(text)
        if titled is not None and titled != year:
            raise forms.ValidationError(
                _("通知标题为 %(titled)s 年，与所填年份 %(year)s 不符")
                % {"titled": titled, "year": year}
            )
        try:
            cleaned["schedule"] = notice_parse(text=text, year=year)
        except NoticeError as error:
            self.add_error("text", str(error))
        return cleaned


@admin.register(HolidayNotice)
class HolidayNoticeAdmin(admin.ModelAdmin):
    """The notices as they were pasted: evidence, never edited."""

    list_display = ("year", "imported_by", "imported_at", "text_sha256")
    readonly_fields = ("year", "text", "text_sha256", "imported_by", "imported_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "is_workday", "statutory", "note", "notice")
    list_filter = ("is_workday",)
    search_fields = ("note",)
    date_hierarchy = "date"
    readonly_fields = ("notice",)
    change_list_template = "admin/rules/calendaroverride/change_list.html"

    def get_urls(self) -> list:
        return [
            path(
                "import-notice/",
                self.admin_site.admin_view(self.import_notice_view),
                name="rules_calendaroverride_import_notice",
            ),
            *super().get_urls(),
        ]

    def import_notice_view(self, request: HttpRequest) -> HttpResponse:
        """Paste the year's notice, read what it gives, and save it only once confirmed."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = NoticeImportForm(
            request.POST or None, initial={"year": timezone.localdate().year + 1}
        )
        schedule = None
        if request.method == "POST" and form.is_valid():
            schedule = form.cleaned_data["schedule"]
            if "confirm" in request.POST:
                holiday_notice_import(
                    year=schedule.year, text=form.cleaned_data["text"], by=request.user
                )
                self.message_user(
                    request,
                    _("已导入 %(year)s 年放假安排，该年的工作日期限不再是暂定。")
                    % {"year": schedule.year},
                )
                return HttpResponseRedirect(reverse("admin:rules_calendaroverride_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("导入国务院放假通知"),
            "form": form,
            "schedule": schedule,
        }
        return TemplateResponse(request, "admin/rules/calendaroverride/import_notice.html", context)

    @admin.display(description=_("星期"))
    def weekday(self, obj: CalendarOverride) -> str:
        return f"周{WEEKDAYS[obj.date.weekday()]}"

    @admin.display(description=_("法定安排"))
    def statutory(self, obj: CalendarOverride) -> str:
        if not calendar_covers(obj.date.year):
            return "未收录"
        return "上班" if is_working_day(obj.date, overrides={}) else "休息"


def _value_text(setting: Setting, value: Any) -> str:
    if setting.kind == Kind.BOOL:
        return "是" if value else "否"
    if setting.kind == Kind.CHOICE:
        return dict(setting.choices).get(value, str(value))
    return str(value)


def _kind_text(setting: Setting) -> str:
    return {
        Kind.INT: "整数",
        Kind.BOOL: "true / false",
        Kind.FRACTION: '分数字符串 "a/b"',
        Kind.CHOICE: " / ".join(code for code, _label in setting.choices),
    }[setting.kind]


def _table(headers: tuple[str, ...], rows: list[tuple]) -> str:
    head = format_html_join("", "<th>{}</th>", ((h,) for h in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows),
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)
