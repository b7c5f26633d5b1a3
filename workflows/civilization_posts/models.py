"""青年文明号: collectives and their rosters, review groups, the committee's two-year cycle with
its rubric, the 创建备案 and 申报 of each collective, 互检互查 scores, recognitions with their
history, and the yearly review of recognised collectives."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition

from workflows.engine.bounds import YEAR, Bound, past_date_validator, process_date_validator
from workflows.engine.models import CaseBase
from workflows.org.models import Member, Organization

from . import conditions

# A cycle's review year (the year after it starts) lies in the years the system serves too.
CYCLE_START_YEAR = Bound(YEAR.minimum, YEAR.maximum - 1)


class ReviewGroup(models.Model):
    """A 互检互查 group set by a committee (the seed's 13 小组 in two 大组)."""

    committee = models.ForeignKey(
        Organization, verbose_name=_("设立团委"), on_delete=models.PROTECT, related_name="+"
    )
    division = models.CharField(_("大组"), max_length=60, blank=True)
    name = models.CharField(_("小组"), max_length=60)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("评审小组")
        verbose_name_plural = _("评审小组")
        ordering = ["committee_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="review_group_name_once")
        ]

    def __str__(self) -> str:
        return f"{self.division}·{self.name}" if self.division else self.name


class CollectiveKind(models.TextChoices):
    DEPARTMENT = "department", _("科室")
    TEAM = "team", _("班组")
    WINDOW = "window", _("窗口")


class Collective(models.Model):
    """A 科室, 班组 or 窗口 that creates (or holds) a 青年文明号."""

    name = models.CharField(_("集体名称"), max_length=120, unique=True)
    kind = models.CharField(_("类型"), max_length=12, choices=CollectiveKind.choices)
    org = models.ForeignKey(
        Organization,
        verbose_name=_("所属团组织"),
        on_delete=models.PROTECT,
        related_name="collectives",
    )
    # Copied from org.path so subtree scoping needs no join.
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    group = models.ForeignKey(
        ReviewGroup,
        verbose_name=_("评审小组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="collectives",
    )
    is_active = models.BooleanField(_("存续"), default=True)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("青年集体")
        verbose_name_plural = _("青年集体")
        ordering = ["org_path", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.org_path = self.org.path
        super().save(*args, **kwargs)

    @property
    def leader(self) -> CollectiveMember | None:
        return next((p for p in self.roster() if p.role == PostRole.LEADER), None)

    def roster(self) -> list[CollectiveMember]:
        """Active members, read once per collective (or loaded by ``roster_prefetch``)."""
        cached = getattr(self, "_roster", None)
        if cached is None:
            cached = list(self.people.filter(is_active=True).order_by("role_order", "name", "pk"))
            self._roster = cached
        return cached

    def roster_forget(self) -> None:
        self._roster = None


class PostRole(models.TextChoices):
    LEADER = "leader", _("号长")
    DEPUTY = "deputy", _("副号长")
    MEMBER = "member", _("成员")


ROLE_ORDER = {PostRole.LEADER: 0, PostRole.DEPUTY: 1, PostRole.MEMBER: 2}


class CollectiveMember(models.Model):
    """One person on a collective's roster: the ages behind the basic conditions."""

    collective = models.ForeignKey(
        Collective, verbose_name=_("集体"), on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=2, choices=[("男", _("男")), ("女", _("女"))])
    birth_date = models.DateField(_("出生日期"), validators=[past_date_validator])
    post = models.CharField(_("岗位"), max_length=60, blank=True)
    role = models.CharField(
        _("职责"), max_length=8, choices=PostRole.choices, default=PostRole.MEMBER
    )
    role_order = models.PositiveSmallIntegerField(default=2, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="post_memberships",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("团员档案"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        verbose_name = _("集体成员")
        verbose_name_plural = _("集体成员")
        ordering = ["collective_id", "role_order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collective"],
                condition=Q(role="leader", is_active=True),
                name="one_leader_per_collective",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.role_order = ROLE_ORDER[PostRole(self.role)]
        super().save(*args, **kwargs)


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


class Cycle(CaseBase):
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
    def headline(self) -> str:
        return self.title

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
        from .rubric import rubric_from_data

        return rubric_from_data(self.sections)


class CollectiveCaseManager(models.Manager):
    """Lists name a case by its collective: load it with the case."""

    def get_queryset(self):
        return super().get_queryset().select_related("collective")


class CollectiveCase(CaseBase):
    """A case about one collective (its ``collective`` field); its 号长 is who it is about."""

    # The roster's basic conditions as counted on submission.
    basic_facts = models.JSONField(_("基本条件核对"), default=dict, blank=True)

    objects = CollectiveCaseManager()

    class Meta:
        abstract = True

    @property
    def headline(self) -> str:
        return self.collective.name

    @property
    def subject_user_id(self) -> int | None:
        """Nobody decides on their own collective: its 号长 is recused like a case's subject."""
        leader = self.collective.leader
        return leader.user_id if leader is not None else None


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

    @property
    def headline(self) -> str:
        return f"{self.collective.name}（{self.year}年度复核）"

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


def roster_prefetch(lookup: str = "people") -> models.Prefetch:
    """Load the rosters of many collectives in one query, where ``Collective.roster`` reads
    them (``lookup`` reaches the collectives' people, e.g. ``collective__people``)."""
    return models.Prefetch(
        lookup,
        queryset=CollectiveMember.objects.filter(is_active=True)
        .select_related("user")
        .order_by("role_order", "name", "pk"),
        to_attr="_roster",
    )
