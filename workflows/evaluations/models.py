"""团员教育评议 (a committee's yearly round, one review per branch, one row per member) and
团支部书记满意度测评 (a survey whose ballots are stored apart from who cast them)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from workflows.engine.bounds import HEADCOUNT, YEAR, process_date_validator
from workflows.org.models import Member, Organization, ReviewResult

from . import conditions


class TransitionWords:
    """What the engine's ``case_transition`` asks of a record: labels and reasons in words."""

    TRANSITION_LABELS: dict = {}

    def transition_label(self, transition: str) -> str:
        return str(self.TRANSITION_LABELS[transition])

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.problems(self, transition) or [
            gettext("不满足「%(transition)s」的条件") % {"transition": transition}
        ]


class RoundStatus(models.TextChoices):
    OPEN = "open", _("评议中")
    IN_PUBLICITY = "in_publicity", _("公示中")
    FINALISED = "finalised", _("已完成")


class ReviewRound(TransitionWords, ConcurrentTransitionMixin, models.Model):
    """One committee's 团员教育评议 of one year, over every branch in its subtree."""

    TRANSITION_LABELS = {
        "publicity_start": _("结束评议并公示"),
        "finalise": _("确定评议结果"),
    }

    committee = models.ForeignKey(
        Organization, verbose_name=_("团委"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("评议年度"), validators=YEAR.validators())
    status = FSMField(
        _("状态"), default=RoundStatus.OPEN, choices=RoundStatus.choices, protected=True
    )
    rules_snapshot = models.JSONField(_("适用规则"), default=dict)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    finalised_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("团员教育评议")
        verbose_name_plural = _("团员教育评议")
        ordering = ["-year", "org_path"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="one_review_round_a_year")
        ]

    def __str__(self) -> str:
        return gettext("%(org)s%(year)s年度团员教育评议") % {
            "org": self.committee.name,
            "year": self.year,
        }

    @property
    def org(self) -> Organization:
        return self.committee

    @transition(
        field=status,
        source=RoundStatus.OPEN,
        target=RoundStatus.IN_PUBLICITY,
        conditions=[conditions.branches_confirmed],
    )
    def publicity_start(self) -> None:
        pass

    @transition(
        field=status,
        source=[RoundStatus.OPEN, RoundStatus.IN_PUBLICITY],
        target=RoundStatus.FINALISED,
        conditions=[conditions.branches_confirmed, conditions.publicity_done],
    )
    def finalise(self) -> None:
        self.finalised_at = timezone.now()


class BranchStatus(models.TextChoices):
    DRAFT = "draft", _("待评议")
    SUBMITTED = "submitted", _("待团委确认")
    RETURNED = "returned", _("已退回")
    CONFIRMED = "confirmed", _("已确认")


# A branch may still change its ratings (and its members their self-assessments) in these.
BRANCH_EDITABLE = (BranchStatus.DRAFT, BranchStatus.RETURNED)


class BranchReview(TransitionWords, ConcurrentTransitionMixin, models.Model):
    """A branch's part of a round: its meeting and its ratings, submitted to the committee."""

    TRANSITION_LABELS = {
        "submit": _("提交团委确认"),
        "confirm": _("确认"),
        "return_to_branch": _("退回团支部"),
    }

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="branches")
    branch = models.ForeignKey(
        Organization, verbose_name=_("团支部"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    status = FSMField(
        _("状态"), default=BranchStatus.DRAFT, choices=BranchStatus.choices, protected=True
    )
    meeting_date = models.DateField(
        _("团支部大会日期"), null=True, blank=True, validators=[process_date_validator]
    )
    should_attend = models.PositiveIntegerField(
        _("应到人数"), null=True, blank=True, validators=HEADCOUNT.validators()
    )
    present = models.PositiveIntegerField(
        _("实到人数"), null=True, blank=True, validators=HEADCOUNT.validators()
    )
    return_opinion = models.TextField(_("退回意见"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("团支部评议")
        verbose_name_plural = _("团支部评议")
        ordering = ["round_id", "org_path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "branch"], name="one_review_per_branch")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.branch.name}"

    @property
    def org(self) -> Organization:
        return self.branch

    @property
    def editable(self) -> bool:
        return self.round.status == RoundStatus.OPEN and self.status in BRANCH_EDITABLE

    @transition(
        field=status,
        source=list(BRANCH_EDITABLE),
        target=BranchStatus.SUBMITTED,
        conditions=[conditions.round_open, conditions.branch_ratings_complete],
    )
    def submit(self) -> None:
        self.submitted_at = timezone.now()
        self.return_opinion = ""

    @transition(
        field=status,
        source=BranchStatus.SUBMITTED,
        target=BranchStatus.CONFIRMED,
        conditions=[conditions.round_open],
    )
    def confirm(self) -> None:
        self.confirmed_at = timezone.now()

    @transition(
        field=status,
        source=BranchStatus.SUBMITTED,
        target=BranchStatus.RETURNED,
        conditions=[conditions.round_open],
    )
    def return_to_branch(self, *, text: str) -> None:
        self.return_opinion = text


class MemberReview(models.Model):
    """A member's 自评 and the branch's rating of them."""

    branch_review = models.ForeignKey(
        BranchReview, on_delete=models.CASCADE, related_name="reviews"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("团员"), on_delete=models.PROTECT, related_name="+"
    )
    self_assessment = models.TextField(_("个人自评"), max_length=2000, blank=True)
    self_assessed_at = models.DateTimeField(_("自评时间"), null=True, blank=True)
    result = models.CharField(
        _("评议等次"), max_length=12, choices=ReviewResult.choices, blank=True
    )
    reason = models.TextField(_("评定理由"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("团员评议")
        verbose_name_plural = _("团员评议")
        ordering = ["branch_review_id", "member__name", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch_review", "member"], name="one_review_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_result_display()}"


class ReviewPublicity(models.Model):
    """The 公示 of a round's 不合格 members, with the fields of the engine's ``Publicity``: the
    engine's notice pages serve the processes' cases, which a round is not."""

    round = models.OneToOneField(ReviewRound, on_delete=models.CASCADE, related_name="publicity")
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_index=True)
    title = models.CharField(_("公示标题"), max_length=200)
    content = models.TextField(_("公示内容"))
    content_sha256 = models.CharField(max_length=64)
    starts_on = models.DateField(_("公示开始"))
    ends_on = models.DateField(_("公示截止"))
    working_days = models.PositiveIntegerField(_("公示工作日"))
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("教育评议公示")
        verbose_name_plural = _("教育评议公示")

    def __str__(self) -> str:
        return self.title


class SurveyStatus(models.TextChoices):
    OPEN = "open", _("测评中")
    CLOSED = "closed", _("已结束")


class Survey(TransitionWords, ConcurrentTransitionMixin, models.Model):
    """A committee's 团支部书记满意度测评 of one year: every member rates their own secretary."""

    TRANSITION_LABELS = {"close": _("结束测评")}

    committee = models.ForeignKey(
        Organization, verbose_name=_("团委"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("测评年度"), validators=YEAR.validators())
    items = models.JSONField(_("测评项目"), default=list)
    opens_on = models.DateField(_("开始日期"), validators=[process_date_validator])
    closes_on = models.DateField(_("截止日期"), validators=[process_date_validator])
    status = FSMField(
        _("状态"), default=SurveyStatus.OPEN, choices=SurveyStatus.choices, protected=True
    )
    rules_snapshot = models.JSONField(_("适用规则"), default=dict)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("发起时间"), default=timezone.now)

    class Meta:
        verbose_name = _("团支部书记满意度测评")
        verbose_name_plural = _("团支部书记满意度测评")
        ordering = ["-year", "org_path"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="one_survey_a_year")
        ]

    def __str__(self) -> str:
        return gettext("%(org)s%(year)s年度团支部书记满意度测评") % {
            "org": self.committee.name,
            "year": self.year,
        }

    @property
    def org(self) -> Organization:
        return self.committee

    @property
    def is_over(self) -> bool:
        """Results are shown only then: a tally that moves with each ballot would tell whoever
        watches it how the member who just voted voted."""
        return self.status == SurveyStatus.CLOSED or timezone.localdate() > self.closes_on

    @property
    def accepts_ballots(self) -> bool:
        return (
            self.status == SurveyStatus.OPEN
            and self.opens_on <= timezone.localdate() <= self.closes_on
        )

    @transition(field=status, source=SurveyStatus.OPEN, target=SurveyStatus.CLOSED)
    def close(self) -> None:
        pass


class SurveyBranch(models.Model):
    """A branch in a survey and the secretary its members rate (held on the opening day)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="branches")
    branch = models.ForeignKey(
        Organization, verbose_name=_("团支部"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("团支部书记"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("测评团支部")
        verbose_name_plural = _("测评团支部")
        ordering = ["survey_id", "org_path"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "branch"], name="one_survey_branch")
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.branch.name}"


class SurveyBallot(models.Model):
    """One member's ratings, kept apart from who cast them: a random key, no time, no member,
    no user and no ordering (``SurveyParticipation`` records only that they voted)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    target = models.ForeignKey(SurveyBranch, on_delete=models.PROTECT, related_name="ballots")
    # One score per survey item, in the survey's order (satisfaction.SCALE).
    scores = models.JSONField(_("评分"))

    class Meta:
        verbose_name = _("测评票")
        verbose_name_plural = _("测评票")

    def __str__(self) -> str:
        return str(self.pk)


class SurveyParticipation(models.Model):
    """That ``member`` has voted in ``survey``; written with the ballot, in one transaction."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("测评参与记录")
        verbose_name_plural = _("测评参与记录")
        constraints = [
            models.UniqueConstraint(fields=["survey", "member"], name="one_ballot_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.member}"
