"""推优入党: a recommendation round per branch, and one Application case per member."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition

from workflows.engine.models import CaseBase
from workflows.org.models import Organization

from . import conditions
from .eligibility import TRACK_ACTIVIST, TRACK_CANDIDATE


class Track(models.TextChoices):
    ACTIVIST = TRACK_ACTIVIST, _("入党申请人→入党积极分子")
    CANDIDATE = TRACK_CANDIDATE, _("入党积极分子→发展对象")


class Round(models.Model):
    """推优批次: one branch, one track; the quota and the 汇总表 are per round."""

    branch = models.ForeignKey(
        Organization, verbose_name=_("团支部"), on_delete=models.PROTECT, related_name="+"
    )
    track = models.CharField(_("推荐类别"), max_length=16, choices=Track.choices)
    title = models.CharField(_("批次名称"), max_length=120)
    meeting_date = models.DateField(_("推荐日（团员大会日期）"))
    is_open = models.BooleanField(_("接受申请"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("推优批次")
        verbose_name_plural = _("推优批次")
        ordering = ["-meeting_date", "pk"]

    def __str__(self) -> str:
        return self.title


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待团支部审核")
    RETURNED = "returned", _("退回修改")
    WITHDRAWN = "withdrawn", _("已撤回")
    BRANCH_APPROVED = "branch_approved", _("待团员大会表决")
    MEETING_PASSED = "meeting_passed", _("待团委审核")
    IN_PUBLICITY = "in_publicity", _("公示中")
    OBJECTION = "objection", _("公示异议核查中")
    PUBLICITY_PASSED = "publicity_passed", _("待团委推荐")
    RECOMMENDED = "recommended", _("已推荐，待党组织决定")
    ACCEPTED = "accepted", _("党组织已采纳")
    DECLINED = "declined", _("党组织未采纳")
    REJECTED = "rejected", _("未通过")


IN_PROGRESS = [
    Status.SUBMITTED,
    Status.RETURNED,
    Status.BRANCH_APPROVED,
    Status.MEETING_PASSED,
    Status.IN_PUBLICITY,
    Status.OBJECTION,
    Status.PUBLICITY_PASSED,
    Status.RECOMMENDED,
]
# Cases that hold one of the round's quota places.
QUOTA_HOLDING = [s for s in IN_PROGRESS if s not in (Status.SUBMITTED, Status.RETURNED)] + [
    Status.ACCEPTED
]
REJECTABLE = [
    Status.SUBMITTED,
    Status.BRANCH_APPROVED,
    Status.MEETING_PASSED,
    Status.PUBLICITY_PASSED,
    Status.RECOMMENDED,
]


class Application(CaseBase):
    """One member's 推优 case. Its status changes only through the transitions below."""

    TRANSITION_LABELS = {
        "branch_approve": _("通过团支部审核"),
        "return_to_applicant": _("退回申请人"),
        "resubmit": _("重新提交"),
        "withdraw": _("撤回"),
        "reject": _("终止"),
        "meeting_pass": _("记为团员大会通过"),
        "meeting_fail": _("记为团员大会未通过"),
        "return_to_branch_review": _("退回团支部审核"),
        "committee_approve": _("通过团委审核"),
        "return_to_branch_meeting": _("退回团员大会"),
        "object": _("提出公示异议"),
        "publicity_pass": _("结束公示"),
        "objections_dismiss": _("结束公示异议核查"),
        "recommend": _("出具推荐意见"),
        "return_to_committee_review": _("退回团委审核"),
        "party_accept": _("记为党组织采纳"),
        "party_decline": _("记为党组织未采纳"),
        "return_to_recommendation": _("退回团委推荐"),
    }

    round = models.ForeignKey(
        Round, verbose_name=_("推优批次"), on_delete=models.PROTECT, related_name="applications"
    )
    track = models.CharField(_("推荐类别"), max_length=16, choices=Track.choices)
    statement = models.TextField(_("个人简述"), max_length=2000)
    status = FSMField(
        _("状态"), default=Status.SUBMITTED, choices=Status.choices, protected=True, db_index=True
    )
    recommended_on = models.DateField(_("推荐时间"), null=True, blank=True)
    valid_until = models.DateField(_("推荐有效期至"), null=True, blank=True)
    party_decision_on = models.DateField(_("党组织决定日期"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        verbose_name = _("推优入党申请")
        verbose_name_plural = _("推优入党申请")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "subject"],
                condition=~models.Q(status__in=["withdrawn", "rejected"]),
                name="one_open_application_per_round",
            )
        ]

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.transition_problems_of(self, transition) or super().transition_problems(
            transition
        )

    @property
    def is_valid_recommendation(self) -> bool:
        return bool(self.valid_until and self.valid_until >= timezone.localdate())

    # Branch secretary's review.
    @transition(
        field=status,
        source=Status.SUBMITTED,
        target=Status.BRANCH_APPROVED,
        conditions=[conditions.is_eligible, conditions.fits_quota],
    )
    def branch_approve(self) -> None:
        pass

    @transition(field=status, source=REJECTABLE, target=Status.RETURNED)
    def return_to_applicant(self) -> None:
        pass

    @transition(field=status, source=Status.RETURNED, target=Status.SUBMITTED)
    def resubmit(self) -> None:
        self.submitted_at = timezone.now()

    @transition(
        field=status,
        source=[Status.SUBMITTED, Status.RETURNED],
        target=Status.WITHDRAWN,
        conditions=[conditions.nobody_acted],
    )
    def withdraw(self) -> None:
        pass

    @transition(field=status, source=[*REJECTABLE, Status.OBJECTION], target=Status.REJECTED)
    def reject(self) -> None:
        pass

    # Branch meeting (团员大会).
    @transition(
        field=status,
        source=Status.BRANCH_APPROVED,
        target=Status.MEETING_PASSED,
        conditions=[
            conditions.meeting_passed,
            conditions.meeting_date_valid,
            conditions.fits_quota,
            conditions.is_eligible_on_meeting_day,
        ],
    )
    def meeting_pass(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.BRANCH_APPROVED,
        target=Status.REJECTED,
        conditions=[conditions.meeting_failed, conditions.meeting_date_valid],
    )
    def meeting_fail(self) -> None:
        pass

    @transition(field=status, source=Status.BRANCH_APPROVED, target=Status.SUBMITTED)
    def return_to_branch_review(self) -> None:
        pass

    # League committee.
    @transition(field=status, source=Status.MEETING_PASSED, target=Status.IN_PUBLICITY)
    def committee_approve(self) -> None:
        pass

    @transition(field=status, source=Status.MEETING_PASSED, target=Status.BRANCH_APPROVED)
    def return_to_branch_meeting(self) -> None:
        pass

    # 公示.
    @transition(field=status, source=Status.IN_PUBLICITY, target=Status.OBJECTION)
    def object(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.IN_PUBLICITY,
        target=Status.PUBLICITY_PASSED,
        conditions=[conditions.publicity_clear],
    )
    def publicity_pass(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.OBJECTION,
        target=RETURN_VALUE(Status.IN_PUBLICITY, Status.PUBLICITY_PASSED),
        conditions=[conditions.objections_cleared],
    )
    def objections_dismiss(self) -> str:
        """Back into the 公示 while its window runs, or through it once the window has ended."""
        return (
            Status.IN_PUBLICITY if conditions.publicity_running(self) else Status.PUBLICITY_PASSED
        )

    # Recommendation to the party organisation.
    @transition(field=status, source=Status.PUBLICITY_PASSED, target=Status.RECOMMENDED)
    def recommend(self, *, on: datetime.date, valid_years: int) -> None:
        self.recommended_on = on
        self.valid_until = on + relativedelta(years=valid_years)

    @transition(field=status, source=Status.PUBLICITY_PASSED, target=Status.MEETING_PASSED)
    def return_to_committee_review(self) -> None:
        pass

    # Party organisation.
    @transition(field=status, source=Status.RECOMMENDED, target=Status.ACCEPTED)
    def party_accept(self, *, on: datetime.date) -> None:
        self.party_decision_on = on

    @transition(field=status, source=Status.RECOMMENDED, target=Status.DECLINED)
    def party_decline(self, *, on: datetime.date) -> None:
        self.party_decision_on = on

    @transition(field=status, source=Status.RECOMMENDED, target=Status.PUBLICITY_PASSED)
    def return_to_recommendation(self) -> None:
        self.recommended_on = None
        self.valid_until = None
