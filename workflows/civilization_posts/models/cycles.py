"""The committee's two-year 青年文明号 cycle and the versions of its rubric."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.engine.bounds import YEAR, Bound, process_date_validator
from workflows.engine.models import CommitteeCaseBase

from .. import conditions

# A cycle's review year (the year after it starts) lies in the years the system serves too.
CYCLE_START_YEAR = Bound(YEAR.minimum, YEAR.maximum - 1)


class Stars(models.IntegerChoices):
    ONE = 1, _("一星级")
    TWO = 2, _("二星级")
    THREE = 3, _("三星级")


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("草拟中")
    FILING = "filing", _("创建备案")
    APPLYING = "applying", _("申报")
    PEER_REVIEW = "peer_review", _("互检互查")
    IN_PUBLICITY = "in_publicity", _("公示中")
    RECOGNITION = "recognition", _("公示结束，待命名")
    DECIDED = "decided", _("已命名")


RUBRIC_EDITABLE = (CycleStatus.DRAFT, CycleStatus.FILING)


class Cycle(CommitteeCaseBase):
    """A committee's two-year 届期: 创建备案 in the odd year, 申报 and 评审认定 in the even one."""

    TRANSITION_LABELS = {
        "cycle_open": _("发布创建通知"),
        "applications_open": _("发布申报通知"),
        "peer_review_open": _("开始互检互查"),
        "assessment_publish": _("确定拟命名集体并公示"),
        "publicity_end": _("结束公示"),
        "decision_issue": _("印发命名决定"),
    }

    title = models.CharField(_("届期名称"), max_length=120)
    start_year = models.PositiveSmallIntegerField(
        _("创建年度（奇数年）"), validators=CYCLE_START_YEAR.validators()
    )
    filing_deadline = models.DateField(_("创建备案截止日"), validators=[process_date_validator])
    application_deadline = models.DateField(_("申报截止日"), validators=[process_date_validator])
    notice = models.TextField(_("通知正文"), max_length=6000)
    status = FSMField(
        _("状态"), default=CycleStatus.DRAFT, choices=CycleStatus.choices, protected=True
    )
    notice_number = models.CharField(_("创建通知文号"), max_length=60, blank=True)
    application_notice_number = models.CharField(_("申报通知文号"), max_length=60, blank=True)
    review_due_on = models.DateField(
        _("互检互查截止日"), null=True, blank=True, validators=[process_date_validator]
    )
    decision_number = models.CharField(_("命名决定文号"), max_length=60, blank=True)
    decided_on = models.DateField(
        _("命名日期"), null=True, blank=True, validators=[process_date_validator]
    )

    class Meta:
        verbose_name = _("青年文明号届期")
        verbose_name_plural = _("青年文明号届期")
        ordering = ["-start_year", "-created_at"]

    @property
    def review_year(self) -> int:
        """The even year of 申报 and 评审认定."""
        return self.start_year + 1

    @property
    def years_text(self) -> str:
        return f"{self.start_year}—{self.review_year}"

    @property
    def accepts_filings(self) -> bool:
        return self.status == CycleStatus.FILING and timezone.localdate() <= self.filing_deadline

    @property
    def accepts_applications(self) -> bool:
        return (
            self.status == CycleStatus.APPLYING
            and timezone.localdate() <= self.application_deadline
        )

    def rubric_version(self) -> RubricVersion | None:
        return self.rubrics.order_by("-version").first()

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.cycle_problems(self, transition) or super().transition_problems(
            transition
        )

    @transition(
        field=status,
        source=CycleStatus.DRAFT,
        target=CycleStatus.FILING,
        conditions=[conditions.cycle_ready],
    )
    def cycle_open(self) -> None:
        pass

    @transition(
        field=status,
        source=CycleStatus.FILING,
        target=CycleStatus.APPLYING,
        conditions=[conditions.applications_may_open],
    )
    def applications_open(self) -> None:
        pass

    @transition(
        field=status,
        source=CycleStatus.APPLYING,
        target=CycleStatus.PEER_REVIEW,
        conditions=[conditions.peer_review_may_open],
    )
    def peer_review_open(self, *, due_on) -> None:
        self.review_due_on = due_on

    @transition(field=status, source=CycleStatus.PEER_REVIEW, target=CycleStatus.IN_PUBLICITY)
    def assessment_publish(self) -> None:
        pass

    @transition(field=status, source=CycleStatus.IN_PUBLICITY, target=CycleStatus.RECOGNITION)
    def publicity_end(self) -> None:
        pass

    @transition(field=status, source=CycleStatus.RECOGNITION, target=CycleStatus.DECIDED)
    def decision_issue(self, *, on) -> None:
        self.decided_on = on


class RubricVersion(models.Model):
    """One version of a cycle's 考核评分细则; editing saves a new one, never changes an old one."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("届期"), on_delete=models.CASCADE, related_name="rubrics"
    )
    version = models.PositiveIntegerField(_("版本"))
    sections = models.JSONField(_("评分细则"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("保存时间"), default=timezone.now)

    class Meta:
        verbose_name = _("评分细则")
        verbose_name_plural = _("评分细则")
        ordering = ["cycle_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "version"], name="rubric_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.cycle.title} v{self.version}"

    @property
    def rubric(self):
        from ..rubric import rubric_from_data

        return rubric_from_data(self.sections)
