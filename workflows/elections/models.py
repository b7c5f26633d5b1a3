"""团支部换届选举: a branch's terms, and one Election case from 请示 to the new committee."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition

from workflows.engine.bounds import HEADCOUNT, SEATS, process_date_validator
from workflows.engine.models import CaseBase
from workflows.org.models import Member, Organization, Role

from . import conditions


class Term(models.Model):
    """One term (届) of a branch committee. The current term has no ``ended_on``."""

    branch = models.ForeignKey(
        Organization, verbose_name=_("团支部"), on_delete=models.PROTECT, related_name="terms"
    )
    starts_on = models.DateField(_("任期开始"), validators=[process_date_validator])
    years = models.PositiveSmallIntegerField(_("任期（年）"))
    ends_on = models.DateField(_("任期届满"))
    # ends_on moved by approved postponements or advancements.
    due_on = models.DateField(_("应换届日期"))
    election = models.ForeignKey(
        "Election",
        verbose_name=_("产生本届的选举"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_on = models.DateField(_("本届结束"), null=True, blank=True)
    reminded_on = models.DateField(_("最近提醒"), null=True, blank=True)

    class Meta:
        verbose_name = _("任期")
        verbose_name_plural = _("任期")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch"], condition=models.Q(ended_on__isnull=True), name="one_open_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.branch} {self.starts_on}—{self.due_on}"


class TermChangeStatus(models.TextChoices):
    REQUESTED = "requested", _("待团委审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("未批准")


class TermChangeKind(models.TextChoices):
    POSTPONE = "postpone", _("延期换届")
    ADVANCE = "advance", _("提前换届")


class TermChange(CaseBase):
    """A request to postpone or advance a branch's election; the committee decides."""

    TRANSITION_LABELS = {"change_approve": _("批准"), "change_refuse": _("不批准")}

    term = models.ForeignKey(
        Term, verbose_name=_("任期"), on_delete=models.PROTECT, related_name="changes"
    )
    kind = models.CharField(_("类型"), max_length=12, choices=TermChangeKind.choices)
    due_before = models.DateField(_("原应换届日期"))
    due_after = models.DateField(_("申请换届日期"), validators=[process_date_validator])
    reason = models.TextField(_("理由"), max_length=2000)
    status = FSMField(
        _("状态"),
        default=TermChangeStatus.REQUESTED,
        choices=TermChangeStatus.choices,
        protected=True,
    )

    class Meta:
        verbose_name = _("延期/提前换届申请")
        verbose_name_plural = _("延期/提前换届申请")
        ordering = ["-created_at"]

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.term_change_problems(self) or super().transition_problems(transition)

    @transition(
        field=status,
        source=TermChangeStatus.REQUESTED,
        target=TermChangeStatus.APPROVED,
        conditions=[conditions.term_change_within_cap],
    )
    def change_approve(self) -> None:
        pass

    @transition(field=status, source=TermChangeStatus.REQUESTED, target=TermChangeStatus.REFUSED)
    def change_refuse(self) -> None:
        pass


class Method(models.TextChoices):
    DIRECT = "direct", _("无记名投票，差额选举")
    PRESELECT = "preselect", _("无记名投票，先差额预选再正式选举")


class Status(models.TextChoices):
    PARTY_REVIEW = "party_review", _("待党组织审核请示")
    PLAN_REVIEW = "plan_review", _("待团委批复请示")
    RETURNED = "returned", _("请示退回修改")
    WITHDRAWN = "withdrawn", _("已撤回")
    REJECTED = "rejected", _("不予批准")
    APPROVED = "approved", _("已批复，待召开团员大会")
    REVOTE = "revote", _("票数相等，待重新投票")
    SHORTFALL = "shortfall", _("当选人数不足，待另行选举或减少名额")
    ELECTED = "elected", _("已选出委员，待委员会分工")
    OFFICERS_SET = "officers_set", _("待报送选举结果")
    REPORTED = "reported", _("待团委批复选举结果")
    CONFIRMED = "confirmed", _("新一届委员会已任职")


OPEN = [
    Status.PARTY_REVIEW,
    Status.PLAN_REVIEW,
    Status.RETURNED,
    Status.APPROVED,
    Status.REVOTE,
    Status.SHORTFALL,
    Status.ELECTED,
    Status.OFFICERS_SET,
    Status.REPORTED,
]
VOTING = [Status.APPROVED, Status.REVOTE, Status.SHORTFALL]


class Election(CaseBase):
    """One branch's 换届选举. ``org`` is the branch; the case has no member as subject."""

    TRANSITION_LABELS = {
        "party_agree": _("党组织审核同意"),
        "plan_approve": _("批复同意请示"),
        "plan_return": _("退回请示"),
        "plan_reject": _("不予批准"),
        "resubmit": _("重新报送请示"),
        "withdraw": _("撤回请示"),
        "round_invalid": _("记为选举无效"),
        "round_elected": _("记为选举完成"),
        "round_tie": _("记为票数相等需重新投票"),
        "round_shortfall": _("记为当选人数不足"),
        "seats_reduce": _("减少名额，不再选举"),
        "officers_assign": _("记录委员会分工"),
        "report_submit": _("报送选举结果"),
        "result_approve": _("批复同意选举结果"),
        "result_return": _("退回选举结果报告"),
    }

    term = models.ForeignKey(
        Term,
        verbose_name=_("届满的任期"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elections",
    )
    meeting_date = models.DateField(_("团员大会日期"), validators=[process_date_validator])
    place = models.CharField(_("地点"), max_length=120)
    agenda = models.TextField(_("议程"), max_length=2000)
    seats = models.PositiveSmallIntegerField(_("应选名额"), validators=SEATS.validators())
    method = models.CharField(_("选举办法"), max_length=12, choices=Method.choices)
    scrutineers = models.ManyToManyField(Member, verbose_name=_("监票人"), related_name="+")
    tellers = models.ManyToManyField(Member, verbose_name=_("计票人"), related_name="+")
    branch_size = models.PositiveIntegerField(_("团员人数（报送时）"))
    status = FSMField(_("状态"), default=Status.PLAN_REVIEW, choices=Status.choices, protected=True)
    vacant_seats = models.PositiveSmallIntegerField(_("减少的名额"), default=0)
    held_on = models.DateField(_("选举日期"), null=True, blank=True)
    reported_on = models.DateField(_("报告日期"), null=True, blank=True)
    approved_on = models.DateField(_("批复日期（新委员会任职）"), null=True, blank=True)
    request_number = models.CharField(_("请示文号"), max_length=40, blank=True)
    plan_reply_number = models.CharField(_("请示批复文号"), max_length=40, blank=True)
    report_number = models.CharField(_("报告文号"), max_length=40, blank=True)
    result_reply_number = models.CharField(_("结果批复文号"), max_length=40, blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), default=timezone.now)

    class Meta:
        verbose_name = _("换届选举")
        verbose_name_plural = _("换届选举")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["org"],
                condition=models.Q(status__in=[s.value for s in OPEN]),
                name="one_open_election_per_branch",
            )
        ]

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.election_problems(self, transition) or super().transition_problems(
            transition
        )

    @property
    def filled_seats(self) -> int:
        return self.seats - self.vacant_seats

    @property
    def report_due_on(self) -> datetime.date | None:
        days = conditions.rules_of(self).int("report_days")
        return self.held_on + datetime.timedelta(days=days) if self.held_on else None

    @property
    def reply_due_on(self) -> datetime.date | None:
        days = conditions.rules_of(self).int("reply_days")
        return self.reported_on + datetime.timedelta(days=days) if self.reported_on else None

    # 请示 review.
    @transition(field=status, source=Status.PARTY_REVIEW, target=Status.PLAN_REVIEW)
    def party_agree(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.PLAN_REVIEW,
        target=Status.APPROVED,
        conditions=[conditions.plan_valid],
    )
    def plan_approve(self) -> None:
        pass

    @transition(
        field=status, source=[Status.PARTY_REVIEW, Status.PLAN_REVIEW], target=Status.RETURNED
    )
    def plan_return(self) -> None:
        pass

    @transition(field=status, source=Status.PLAN_REVIEW, target=Status.REJECTED)
    def plan_reject(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.RETURNED,
        target=RETURN_VALUE(Status.PARTY_REVIEW, Status.PLAN_REVIEW),
        conditions=[conditions.plan_valid],
    )
    def resubmit(self) -> str:
        self.submitted_at = timezone.now()
        return conditions.first_review_status(conditions.rules_of(self))

    @transition(field=status, source=Status.RETURNED, target=Status.WITHDRAWN)
    def withdraw(self) -> None:
        pass

    # The election meeting: each recorded round decides the next status.
    @transition(
        field=status,
        source=VOTING,
        target=RETURN_VALUE(*VOTING),
        conditions=[conditions.round_is("invalid")],
    )
    def round_invalid(self) -> str:
        return self.status

    @transition(
        field=status,
        source=VOTING,
        target=Status.ELECTED,
        conditions=[conditions.round_is("elected")],
    )
    def round_elected(self, *, held_on: datetime.date) -> None:
        self.held_on = held_on

    @transition(
        field=status, source=VOTING, target=Status.REVOTE, conditions=[conditions.round_is("tie")]
    )
    def round_tie(self) -> None:
        pass

    @transition(
        field=status,
        source=VOTING,
        target=Status.SHORTFALL,
        conditions=[conditions.round_is("shortfall")],
    )
    def round_shortfall(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.SHORTFALL,
        target=Status.ELECTED,
        conditions=[conditions.seats_reducible],
    )
    def seats_reduce(self, *, held_on: datetime.date) -> None:
        self.vacant_seats = self.seats - conditions.elected_count(self)
        self.held_on = held_on

    # First committee meeting, report, and the committee's reply.
    @transition(
        field=status,
        source=Status.ELECTED,
        target=Status.OFFICERS_SET,
        conditions=[conditions.officers_valid],
    )
    def officers_assign(self) -> None:
        pass

    @transition(field=status, source=Status.OFFICERS_SET, target=Status.REPORTED)
    def report_submit(self, *, on: datetime.date) -> None:
        self.reported_on = on

    @transition(field=status, source=Status.REPORTED, target=Status.OFFICERS_SET)
    def result_return(self) -> None:
        self.reported_on = None

    @transition(
        field=status,
        source=Status.REPORTED,
        target=Status.CONFIRMED,
        conditions=[conditions.officers_valid],
    )
    def result_approve(self, *, on: datetime.date) -> None:
        self.approved_on = on


class WithMember(models.Manager):
    """Candidates, votes and officers are always shown by name: load the member with them."""

    path = ""

    def get_queryset(self):
        return super().get_queryset().select_related(self.path)


class CandidateManager(WithMember):
    path = "member"


class RoundVoteManager(WithMember):
    path = "candidate__member"


class OfficerManager(WithMember):
    path = "candidate__member__user"


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(
        Member, verbose_name=_("候选人"), on_delete=models.PROTECT, related_name="+"
    )
    resume = models.TextField(_("简历"), max_length=2000)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    elected = models.BooleanField(_("当选"), default=False)
    votes = models.PositiveIntegerField(_("当选票数"), null=True, blank=True)

    objects = CandidateManager()

    class Meta:
        verbose_name = _("候选人")
        verbose_name_plural = _("候选人")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="candidate_once")
        ]

    def __str__(self) -> str:
        return self.member.name


class RoundKind(models.TextChoices):
    FIRST = "first", _("正式选举")
    REVOTE = "revote", _("票数相等者重新投票")
    RE_ELECT = "re_elect", _("对不足名额另行选举")


class BallotRound(models.Model):
    """One counted vote at the election meeting, valid or not, exactly as recorded."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="rounds")
    kind = models.CharField(_("轮次"), max_length=12, choices=RoundKind.choices)
    meeting_date = models.DateField(_("会议日期"), validators=[process_date_validator])
    seats = models.PositiveSmallIntegerField(_("本轮应选名额"), validators=SEATS.validators())
    expected = models.JSONField(_("应到会有选举权团员"), default=list)
    excluded = models.JSONField(_("不计入应到会（留团察看）"), default=list)
    attended = models.JSONField(_("实到会有选举权团员"), default=list)
    should_attend = models.PositiveIntegerField(_("应到会人数"), validators=HEADCOUNT.validators())
    present = models.PositiveIntegerField(_("实到会人数"), validators=HEADCOUNT.validators())
    issued = models.PositiveIntegerField(_("发出选票"), validators=HEADCOUNT.validators())
    returned = models.PositiveIntegerField(_("收回选票"), validators=HEADCOUNT.validators())
    void = models.PositiveIntegerField(_("废票"), validators=HEADCOUNT.validators())
    outcome = models.CharField(_("结果"), max_length=12)
    problems = models.JSONField(_("无效原因"), default=list)
    summary = models.TextField(_("计票结果"))
    minutes = models.ForeignKey(
        "engine.Attachment",
        verbose_name=_("计票记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("计票")
        verbose_name_plural = _("计票")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.meeting_date}"


class RoundVote(models.Model):
    round = models.ForeignKey(BallotRound, on_delete=models.CASCADE, related_name="votes")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="round_votes")
    votes = models.PositiveIntegerField(_("赞成票"), validators=HEADCOUNT.validators())
    elected = models.BooleanField(_("当选"), default=False)
    tied = models.BooleanField(_("票数相等待重新投票"), default=False)

    objects = RoundVoteManager()

    class Meta:
        ordering = ["-votes", "pk"]

    def __str__(self) -> str:
        return f"{self.candidate} {self.votes}"


class Officer(models.Model):
    """The first committee meeting's choice: who is secretary, deputy, and their duties."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="officers")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("职务"), max_length=24, choices=Role.choices)
    duty = models.CharField(_("分工"), max_length=60, blank=True)

    objects = OfficerManager()

    class Meta:
        verbose_name = _("委员分工")
        verbose_name_plural = _("委员分工")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "candidate"], name="one_office_each")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} {self.get_role_display()}"
