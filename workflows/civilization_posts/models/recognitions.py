"""青年文明号 titles held by collectives, the record of each, and the yearly review of a
recognised collective."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.engine.bounds import YEAR, past_date_validator
from workflows.org.models import Organization

from .. import conditions
from .applications import PostApplication
from .collectives import Collective, CollectiveCase
from .cycles import Cycle, Stars


class RecognitionStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    RECTIFYING = "rectifying", _("限期整改中")
    REVOKED = "revoked", _("已撤销")


class Recognition(models.Model):
    """A 青年文明号 held by a collective: its star level now, and how it got there."""

    collective = models.ForeignKey(
        Collective, verbose_name=_("集体"), on_delete=models.PROTECT, related_name="recognitions"
    )
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("届期"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    application = models.OneToOneField(
        PostApplication,
        verbose_name=_("申报"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recognition",
    )
    title = models.CharField(_("称号"), max_length=120)
    stars = models.PositiveSmallIntegerField(_("星级"), choices=Stars.choices)
    awarded_by = models.ForeignKey(
        Organization, verbose_name=_("命名单位"), on_delete=models.PROTECT, related_name="+"
    )
    # Titles from before the system are entered from the paper record: any past day.
    recognised_on = models.DateField(_("命名日期"), validators=[past_date_validator])
    document_number = models.CharField(_("命名决定文号"), max_length=60, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=RecognitionStatus.choices,
        default=RecognitionStatus.ACTIVE,
    )
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("青年文明号称号")
        verbose_name_plural = _("青年文明号称号")
        ordering = ["-recognised_on", "pk"]

    def __str__(self) -> str:
        return f"{self.collective} {self.get_stars_display()}{self.title}"


class EventKind(models.TextChoices):
    RECOGNISED = "recognised", _("命名")
    PASSED = "passed", _("年度复核合格")
    WARNED = "warned", _("警告")
    DOWNGRADED = "downgraded", _("降星")
    RECTIFICATION = "rectification", _("限期整改")
    RECTIFIED = "rectified", _("整改合格")
    REVOKED = "revoked", _("撤销称号")


class RecognitionEvent(models.Model):
    """One line of a collective's 青年文明号 record."""

    recognition = models.ForeignKey(
        Recognition, verbose_name=_("称号"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("事项"), max_length=16, choices=EventKind.choices)
    on = models.DateField(_("日期"))
    stars_before = models.PositiveSmallIntegerField(_("原星级"), null=True, blank=True)
    stars_after = models.PositiveSmallIntegerField(_("现星级"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    review = models.ForeignKey(
        "YearlyReview", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("称号记录")
        verbose_name_plural = _("称号记录")
        ordering = ["recognition_id", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class YearlyStatus(models.TextChoices):
    REPORTING = "reporting", _("待报送年度报告")
    SUBMITTED = "submitted", _("待团委复核")
    PASSED = "passed", _("复核合格")
    WARNED = "warned", _("警告")
    DOWNGRADED = "downgraded", _("降星")
    RECTIFYING = "rectifying", _("限期整改中")
    RECTIFICATION_SUBMITTED = "rectification_submitted", _("整改报告待验收")
    RECTIFIED = "rectified", _("整改合格，保留称号")
    REVOKED = "revoked", _("撤销称号")


class YearlyReview(CollectiveCase):
    """动态管理: a recognised collective's review for one year."""

    TRANSITION_LABELS = {
        "report_submit": _("报送年度报告"),
        "downgrade": _("降星"),
        "rectification_submit": _("报送整改报告"),
        "rectification_accept": _("整改验收合格"),
    }

    recognition = models.ForeignKey(
        Recognition, verbose_name=_("称号"), on_delete=models.PROTECT, related_name="reviews"
    )
    collective = models.ForeignKey(
        Collective, verbose_name=_("集体"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("复核年度"), validators=YEAR.validators())
    report = models.TextField(_("年度创建工作报告"), blank=True, max_length=6000)
    stars_before = models.PositiveSmallIntegerField(_("复核前星级"), choices=Stars.choices)
    stars_after = models.PositiveSmallIntegerField(
        _("复核后星级"), choices=Stars.choices, null=True, blank=True
    )
    rectify_by = models.DateField(_("整改期限"), null=True, blank=True)
    rectification = models.TextField(_("整改报告"), blank=True, max_length=6000)
    status = FSMField(
        _("状态"), default=YearlyStatus.REPORTING, choices=YearlyStatus.choices, protected=True
    )

    class Meta:
        verbose_name = _("青年文明号年度复核")
        verbose_name_plural = _("青年文明号年度复核")
        ordering = ["-year", "collective__name"]
        constraints = [
            models.UniqueConstraint(fields=["recognition", "year"], name="one_review_per_year")
        ]

    headline_relations = ("org", "collective")

    @property
    def headline(self) -> str:
        return f"{self.collective.name}（{self.year}年度复核）"

    @property
    def told_user_id(self) -> int | None:
        # The committee opens the review; the collective's 号长 is the one who must hear of a
        # 警告, 降星 or 撤销.
        leader = self.collective.leader
        return leader.user_id if leader is not None else None

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.yearly_problems(self, transition) or super().transition_problems(
            transition
        )

    @transition(field=status, source=YearlyStatus.REPORTING, target=YearlyStatus.SUBMITTED)
    def report_submit(self) -> None:
        pass

    @transition(field=status, source=YearlyStatus.SUBMITTED, target=YearlyStatus.PASSED)
    def pass_review(self) -> None:
        self.stars_after = self.stars_before

    @transition(field=status, source=YearlyStatus.SUBMITTED, target=YearlyStatus.WARNED)
    def warn(self) -> None:
        self.stars_after = self.stars_before

    @transition(
        field=status,
        source=YearlyStatus.SUBMITTED,
        target=YearlyStatus.DOWNGRADED,
        conditions=[conditions.downgrade_lower],
    )
    def downgrade(self) -> None:
        pass

    @transition(field=status, source=YearlyStatus.SUBMITTED, target=YearlyStatus.RECTIFYING)
    def rectification_order(self, *, by_date) -> None:
        self.rectify_by = by_date

    @transition(
        field=status,
        source=YearlyStatus.RECTIFYING,
        target=YearlyStatus.RECTIFICATION_SUBMITTED,
        conditions=[conditions.rectification_in_time],
    )
    def rectification_submit(self) -> None:
        pass

    @transition(
        field=status,
        source=YearlyStatus.RECTIFICATION_SUBMITTED,
        target=YearlyStatus.RECTIFIED,
    )
    def rectification_accept(self) -> None:
        self.stars_after = self.stars_before

    @transition(
        field=status,
        source=[YearlyStatus.RECTIFICATION_SUBMITTED, YearlyStatus.RECTIFYING],
        target=YearlyStatus.REVOKED,
    )
    def revoke(self) -> None:
        self.stars_after = None
