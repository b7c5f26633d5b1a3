"""Versioned rulebooks and the working-day calendar's manual corrections."""

from __future__ import annotations

from django.conf import settings as project_settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workflows.org.models import OrgKind

from .defaults import PROCESS_LABELS, process_choices


class RulebookImmutableError(Exception):
    """A saved rulebook version is evidence for the cases decided under it: never rewrite it."""


class Rulebook(models.Model):
    committee = models.ForeignKey(
        "org.Organization",
        verbose_name=_("团委"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rulebooks",
        limit_choices_to={"kind__in": [OrgKind.LEAGUE_COMMITTEE, OrgKind.GENERAL_BRANCH]},
        help_text=_("留空表示全国默认，仅系统管理员可设置"),
    )
    process = models.CharField(_("流程"), max_length=32, choices=process_choices)
    version = models.PositiveIntegerField(_("版本"), editable=False)
    settings = models.JSONField(
        _("覆盖的设置"),
        default=dict,
        blank=True,
        help_text=_('只填写本级要改变的项，如 {"quota_percent": 15, "pass_fraction": "2/3"}'),
    )
    note = models.TextField(_("说明"), blank=True)
    effective_from = models.DateField(_("生效日期"))
    created_by = models.ForeignKey(
        project_settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("规则版本")
        verbose_name_plural = _("规则版本")
        ordering = ["process", "committee_id", "-version"]
        # NULL never equals NULL in a unique index, so the national level needs its own.
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "process", "version"],
                condition=Q(committee__isnull=False),
                name="rules_rulebook_unique_committee_version",
            ),
            models.UniqueConstraint(
                fields=["process", "version"],
                condition=Q(committee__isnull=True),
                name="rules_rulebook_unique_national_version",
            ),
        ]
        indexes = [models.Index(fields=["process", "effective_from"])]

    def __str__(self) -> str:
        return f"{PROCESS_LABELS.get(self.process, self.process)} · {self.level_label}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise RulebookImmutableError(gettext("规则版本保存后不可修改，请新建一个版本"))
        super().save(*args, **kwargs)

    @property
    def level_name(self) -> str:
        if self.committee_id is None:
            return gettext("全国")
        return self.committee.short_name or self.committee.name

    @property
    def level_label(self) -> str:
        return gettext("%(level)s 第%(version)s版") % {
            "level": self.level_name,
            "version": self.version,
        }


class HolidayNotice(models.Model):
    """A State Council holiday notice as an administrator pasted it: the evidence behind the
    calendar rows it produced. A year with one is no longer worked out provisionally."""

    year = models.PositiveIntegerField(_("年份"), db_index=True)
    text = models.TextField(_("通知原文"))
    text_sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        project_settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("放假安排通知")
        verbose_name_plural = _("放假安排通知")
        ordering = ["-year", "-imported_at"]

    def __str__(self) -> str:
        return gettext("%(year)s年放假安排") % {"year": self.year}


class CalendarOverride(models.Model):
    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是工作日"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    # Set when the row comes from the year's imported notice, rather than a local adjustment.
    notice = models.ForeignKey(
        HolidayNotice,
        verbose_name=_("来源通知"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="days",
    )

    class Meta:
        verbose_name = _("日历调整")
        verbose_name_plural = _("日历调整")
        ordering = ["-date"]

    def __str__(self) -> str:
        kind = gettext("上班") if self.is_workday else gettext("休息")
        return f"{self.date:%Y-%m-%d} {kind}"
