"""Each collective's cases in a cycle: 创建备案, 申报, and the 互检互查 score sheets of an
application."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition

from .. import conditions
from .collectives import Collective, CollectiveCase
from .cycles import Cycle, RubricVersion, Stars


class FilingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待单位团组织审核")
    UNIT_APPROVED = "unit_approved", _("待团委备案")
    RETURNED = "returned", _("退回修改")
    WITHDRAWN = "withdrawn", _("已撤回")
    REJECTED = "rejected", _("不予备案")
    FILED = "filed", _("已备案")


# A filing in one of these holds the collective's place in the cycle.
FILING_HOLDING = [
    FilingStatus.SUBMITTED,
    FilingStatus.UNIT_APPROVED,
    FilingStatus.RETURNED,
    FilingStatus.FILED,
]


class Filing(CollectiveCase):
    """创建备案 (odd year): the collective's plan, targets, 载体, 口号 and 岗位承诺."""

    TRANSITION_LABELS = {
        "unit_approve": _("单位团组织同意"),
        "file": _("备案"),
        "resubmit": _("重新提交"),
    }

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("届期"), on_delete=models.PROTECT, related_name="filings"
    )
    collective = models.ForeignKey(
        Collective, verbose_name=_("集体"), on_delete=models.PROTECT, related_name="filings"
    )
    # Sent in by the unit's league organisation itself: it skips the unit's own review.
    by_unit = models.BooleanField(_("由单位团组织报送"), default=False)
    plan = models.TextField(_("创建规划"), max_length=4000)
    targets = models.TextField(_("创建目标"), max_length=2000)
    carriers = models.TextField(_("创建载体"), max_length=2000)
    slogan = models.CharField(_("创建口号"), max_length=60)
    pledge = models.TextField(_("岗位承诺"), max_length=2000)
    status = FSMField(
        _("状态"), default=FilingStatus.SUBMITTED, choices=FilingStatus.choices, protected=True
    )

    class Meta:
        verbose_name = _("青年文明号创建备案")
        verbose_name_plural = _("青年文明号创建备案")
        ordering = ["-created_at"]

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.filing_problems(self, transition) or super().transition_problems(
            transition
        )

    @transition(
        field=status,
        source=FilingStatus.SUBMITTED,
        target=FilingStatus.UNIT_APPROVED,
        conditions=[conditions.basic_conditions_met],
    )
    def unit_approve(self) -> None:
        pass

    @transition(
        field=status,
        source=[FilingStatus.SUBMITTED, FilingStatus.UNIT_APPROVED],
        target=FilingStatus.RETURNED,
    )
    def return_to_applicant(self) -> None:
        pass

    @transition(
        field=status,
        source=FilingStatus.RETURNED,
        target=RETURN_VALUE(FilingStatus.SUBMITTED, FilingStatus.UNIT_APPROVED),
        conditions=[conditions.basic_conditions_met, conditions.filing_in_time],
    )
    def resubmit(self) -> str:
        return FilingStatus.UNIT_APPROVED if self.by_unit else FilingStatus.SUBMITTED

    @transition(
        field=status,
        source=[FilingStatus.SUBMITTED, FilingStatus.RETURNED],
        target=FilingStatus.WITHDRAWN,
    )
    def withdraw(self) -> None:
        pass

    @transition(
        field=status,
        source=[FilingStatus.SUBMITTED, FilingStatus.UNIT_APPROVED],
        target=FilingStatus.REJECTED,
    )
    def reject(self) -> None:
        pass

    @transition(
        field=status,
        source=FilingStatus.UNIT_APPROVED,
        target=FilingStatus.FILED,
        conditions=[conditions.basic_conditions_met],
    )
    def file(self) -> None:
        pass


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待单位团组织审核")
    UNIT_APPROVED = "unit_approved", _("待团委资格审查")
    RETURNED = "returned", _("退回修改")
    WITHDRAWN = "withdrawn", _("已撤回")
    REJECTED = "rejected", _("未通过")
    QUALIFIED = "qualified", _("待互检互查")
    IN_PEER_REVIEW = "in_peer_review", _("互检互查中")
    NOT_RECOGNISED = "not_recognised", _("未予认定")
    IN_PUBLICITY = "in_publicity", _("拟命名公示中")
    OBJECTION = "objection", _("公示异议核查中")
    PUBLICITY_PASSED = "publicity_passed", _("公示无异议，待命名")
    RECOGNISED = "recognised", _("已命名")


# An application still in one of these holds the collective's place in the cycle.
APPLICATION_HOLDING = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNIT_APPROVED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.QUALIFIED,
    ApplicationStatus.IN_PEER_REVIEW,
    ApplicationStatus.NOT_RECOGNISED,
    ApplicationStatus.IN_PUBLICITY,
    ApplicationStatus.OBJECTION,
    ApplicationStatus.PUBLICITY_PASSED,
    ApplicationStatus.RECOGNISED,
]
UNDER_CHECK = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNIT_APPROVED,
    ApplicationStatus.RETURNED,
]


class PostApplication(CollectiveCase):
    """申报 (even year): the self-assessment against the cycle's rubric, with evidence."""

    TRANSITION_LABELS = {
        "unit_approve": _("单位团组织同意"),
        "qualify": _("资格审查通过"),
        "resubmit": _("重新提交"),
        "propose": _("拟命名"),
        "objection_dismiss": _("异议不属实"),
        "recognise": _("命名"),
    }

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("届期"), on_delete=models.PROTECT, related_name="applications"
    )
    collective = models.ForeignKey(
        Collective, verbose_name=_("集体"), on_delete=models.PROTECT, related_name="applications"
    )
    rubric = models.ForeignKey(
        RubricVersion, verbose_name=_("评分细则版本"), on_delete=models.PROTECT, related_name="+"
    )
    by_unit = models.BooleanField(_("由单位团组织报送"), default=False)
    summary = models.TextField(_("创建工作总结"), max_length=6000)
    self_scores = models.JSONField(_("自评分"), default=dict)
    self_total = models.DecimalField(_("自评总分"), max_digits=6, decimal_places=1)
    status = FSMField(
        _("状态"),
        default=ApplicationStatus.SUBMITTED,
        choices=ApplicationStatus.choices,
        protected=True,
    )
    # The committee's assessment, written when it proposes or leaves out the collective.
    peer_mean = models.DecimalField(
        _("互检互查平均分"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    peer_count = models.PositiveSmallIntegerField(_("互检互查评分份数"), null=True, blank=True)
    stars = models.PositiveSmallIntegerField(
        _("拟命名星级"), choices=Stars.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("青年文明号申报")
        verbose_name_plural = _("青年文明号申报")
        ordering = ["-created_at"]

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.application_problems(self, transition) or super().transition_problems(
            transition
        )

    @transition(
        field=status,
        source=ApplicationStatus.SUBMITTED,
        target=ApplicationStatus.UNIT_APPROVED,
        conditions=[conditions.basic_conditions_met],
    )
    def unit_approve(self) -> None:
        pass

    @transition(
        field=status,
        source=[ApplicationStatus.SUBMITTED, ApplicationStatus.UNIT_APPROVED],
        target=ApplicationStatus.RETURNED,
    )
    def return_to_applicant(self) -> None:
        pass

    @transition(
        field=status,
        source=ApplicationStatus.RETURNED,
        target=RETURN_VALUE(ApplicationStatus.SUBMITTED, ApplicationStatus.UNIT_APPROVED),
        conditions=[conditions.basic_conditions_met, conditions.application_in_time],
    )
    def resubmit(self) -> str:
        return ApplicationStatus.UNIT_APPROVED if self.by_unit else ApplicationStatus.SUBMITTED

    @transition(
        field=status,
        source=[ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED],
        target=ApplicationStatus.WITHDRAWN,
    )
    def withdraw(self) -> None:
        pass

    @transition(
        field=status,
        source=[ApplicationStatus.SUBMITTED, ApplicationStatus.UNIT_APPROVED],
        target=ApplicationStatus.REJECTED,
    )
    def reject(self) -> None:
        pass

    @transition(
        field=status,
        source=ApplicationStatus.UNIT_APPROVED,
        target=ApplicationStatus.QUALIFIED,
        conditions=[conditions.basic_conditions_met, conditions.filed_in_cycle],
    )
    def qualify(self) -> None:
        pass

    @transition(
        field=status, source=ApplicationStatus.QUALIFIED, target=ApplicationStatus.IN_PEER_REVIEW
    )
    def peer_review_start(self) -> None:
        pass

    @transition(
        field=status,
        source=ApplicationStatus.IN_PEER_REVIEW,
        target=ApplicationStatus.IN_PUBLICITY,
        conditions=[conditions.enough_reviews, conditions.stars_supported],
    )
    def propose(self) -> None:
        pass

    @transition(
        field=status,
        source=ApplicationStatus.IN_PEER_REVIEW,
        target=ApplicationStatus.NOT_RECOGNISED,
    )
    def leave_out(self) -> None:
        pass

    @transition(
        field=status, source=ApplicationStatus.IN_PUBLICITY, target=ApplicationStatus.OBJECTION
    )
    def object(self) -> None:
        pass

    @transition(
        field=status,
        source=ApplicationStatus.IN_PUBLICITY,
        target=ApplicationStatus.PUBLICITY_PASSED,
    )
    def publicity_pass(self) -> None:
        pass

    @transition(
        field=status,
        source=ApplicationStatus.OBJECTION,
        target=RETURN_VALUE(ApplicationStatus.IN_PUBLICITY, ApplicationStatus.PUBLICITY_PASSED),
        conditions=[conditions.no_open_objection],
    )
    def objection_dismiss(self, *, publicity_open: bool) -> str:
        return (
            ApplicationStatus.IN_PUBLICITY if publicity_open else ApplicationStatus.PUBLICITY_PASSED
        )

    @transition(
        field=status, source=ApplicationStatus.OBJECTION, target=ApplicationStatus.NOT_RECOGNISED
    )
    def objection_uphold(self) -> None:
        pass

    @transition(
        field=status,
        source=ApplicationStatus.PUBLICITY_PASSED,
        target=ApplicationStatus.RECOGNISED,
    )
    def recognise(self) -> None:
        pass


class PeerReview(models.Model):
    """One reviewing collective's score sheet for one applicant (互检互查)."""

    application = models.ForeignKey(
        PostApplication,
        verbose_name=_("申报"),
        on_delete=models.PROTECT,
        related_name="peer_reviews",
    )
    reviewer_collective = models.ForeignKey(
        Collective, verbose_name=_("评审集体"), on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评审人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("评分期限"))
    scores = models.JSONField(_("评分"), default=dict, blank=True)
    total = models.DecimalField(_("总分"), max_digits=6, decimal_places=1, null=True, blank=True)
    comment = models.TextField(_("评审意见"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reminded_on = models.DateField(_("最近催办"), null=True, blank=True)

    class Meta:
        verbose_name = _("互检互查评分")
        verbose_name_plural = _("互检互查评分")
        ordering = ["application_id", "reviewer_collective__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer_collective"], name="one_review_per_collective"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.reviewer_collective} → {self.application_id}"
