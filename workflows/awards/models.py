"""五四评优: a committee's yearly campaign, its award categories, the nominations, the judging
panel and the honours that result."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition

from workflows.engine.bounds import (
    AGE,
    CHARACTERS,
    HEADCOUNT,
    HOURS,
    MONTHS,
    PERCENT,
    SCORE,
    YEAR,
    YEARS,
    process_date_validator,
)
from workflows.engine.models import CaseBase, CommitteeCaseBase
from workflows.org.models import Member, Organization

from . import conditions


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("草拟中")
    OPEN = "open", _("接受推荐")
    PANEL = "panel", _("评审中")
    IN_PUBLICITY = "in_publicity", _("公示中")
    PARTY_REVIEW = "party_review", _("待党委审定")
    CONFIRMED = "confirmed", _("党委已审定，待印发表彰决定")
    DECIDED = "decided", _("已印发表彰决定")


class Campaign(CommitteeCaseBase):
    """One year's selection run by a committee; a case about the committee itself."""

    TRANSITION_LABELS = {
        "campaign_open": _("发布评选通知"),
        "panel_open": _("开始评审"),
        "shortlist_publish": _("确定入围名单并公示"),
        "publicity_end": _("结束公示"),
        "party_confirm": _("党委审定"),
        "decision_issue": _("印发表彰决定"),
    }

    title = models.CharField(_("评选名称"), max_length=120)
    year = models.PositiveSmallIntegerField(_("表彰年度"), validators=YEAR.validators())
    cutoff_date = models.DateField(
        _("条件计算截止日"),
        help_text=_("年龄、团龄、任职年限等按此日计算"),
        validators=[process_date_validator],
    )
    deadline = models.DateField(_("推荐截止日"), validators=[process_date_validator])
    notice = models.TextField(_("通知正文"), max_length=6000)
    judges = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("评审委员"), related_name="+", blank=True
    )
    status = FSMField(
        _("状态"), default=CampaignStatus.DRAFT, choices=CampaignStatus.choices, protected=True
    )
    notice_number = models.CharField(_("通知文号"), max_length=60, blank=True)
    decision_number = models.CharField(_("表彰决定文号"), max_length=60, blank=True)
    confirmed_on = models.DateField(
        _("党委审定日期"), null=True, blank=True, validators=[process_date_validator]
    )
    decided_on = models.DateField(
        _("表彰决定日期"), null=True, blank=True, validators=[process_date_validator]
    )

    class Meta:
        verbose_name = _("五四评优")
        verbose_name_plural = _("五四评优")
        ordering = ["-year", "-created_at"]

    @property
    def review_year(self) -> int:
        """The year whose records (教育评议, volunteer hours) a nomination is judged on."""
        return self.year - 1

    @property
    def accepts_nominations(self) -> bool:
        return self.status == CampaignStatus.OPEN and timezone.localdate() <= self.deadline

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.campaign_problems(self, transition) or super().transition_problems(
            transition
        )

    @transition(
        field=status,
        source=CampaignStatus.DRAFT,
        target=CampaignStatus.OPEN,
        conditions=[conditions.campaign_ready],
    )
    def campaign_open(self) -> None:
        pass

    @transition(
        field=status,
        source=CampaignStatus.OPEN,
        target=CampaignStatus.PANEL,
        conditions=[conditions.deadline_passed],
    )
    def panel_open(self) -> None:
        pass

    @transition(
        field=status,
        source=CampaignStatus.PANEL,
        target=CampaignStatus.IN_PUBLICITY,
        conditions=[conditions.reviews_finished],
    )
    def shortlist_publish(self) -> None:
        pass

    @transition(
        field=status, source=CampaignStatus.IN_PUBLICITY, target=CampaignStatus.PARTY_REVIEW
    )
    def publicity_end(self) -> None:
        pass

    @transition(field=status, source=CampaignStatus.PARTY_REVIEW, target=CampaignStatus.CONFIRMED)
    def party_confirm(self, *, on) -> None:
        self.confirmed_on = on

    @transition(field=status, source=CampaignStatus.CONFIRMED, target=CampaignStatus.DECIDED)
    def decision_issue(self, *, on) -> None:
        self.decided_on = on


class CategoryKind(models.TextChoices):
    INDIVIDUAL = "individual", _("个人")
    BRANCH = "branch", _("团支部（集体）")
    COMMITTEE = "committee", _("团委、团总支（集体）")


class Basis(models.TextChoices):
    MEMBERS = "members", _("团员数")
    CADRES = "cadres", _("团干部数")
    BRANCHES = "branches", _("团支部数")
    COMMITTEES = "committees", _("基层团委、团总支数")
    FIXED = "fixed", _("定额")


class Judging(models.TextChoices):
    VOTE = "vote", _("投票")
    SCORE = "score", _("评分（百分制）")


class ReviewRequirement(models.TextChoices):
    NONE = "", _("不作要求")
    QUALIFIED = "qualified", _("合格及以上")
    EXCELLENT = "excellent", _("优秀")


class Category(models.Model):
    """One honour in a campaign, with who may be nominated for it and how many."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("评选"), on_delete=models.CASCADE, related_name="categories"
    )
    code = models.CharField(_("代码"), max_length=30)
    name = models.CharField(_("奖项"), max_length=60)
    kind = models.CharField(_("类别"), max_length=12, choices=CategoryKind.choices)
    judging = models.CharField(
        _("评审方式"), max_length=8, choices=Judging.choices, default=Judging.VOTE
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    # Quota: a percentage of ``basis`` in each nominating unit (and for the campaign as a whole),
    # or a fixed count when the basis is FIXED.
    basis = models.CharField(_("名额基数"), max_length=12, choices=Basis.choices)
    quota_value = models.PositiveIntegerField(
        _("名额比例（%）或定额"), validators=HEADCOUNT.validators()
    )
    unit_quota_value = models.PositiveIntegerField(
        _("每个推荐单位定额"),
        null=True,
        blank=True,
        help_text=_("定额奖项每个推荐单位最多推荐的人数；空为不限"),
        validators=HEADCOUNT.validators(),
    )
    age_min = models.PositiveSmallIntegerField(
        _("最小年龄"), null=True, blank=True, validators=AGE.validators()
    )
    age_max = models.PositiveSmallIntegerField(
        _("最大年龄"), null=True, blank=True, validators=AGE.validators()
    )
    league_years_min = models.PositiveSmallIntegerField(
        _("最低团龄（年）"), default=0, validators=YEARS.validators()
    )
    league_member_required = models.BooleanField(_("须为共青团员"), default=False)
    review_required = models.CharField(
        _("教育评议要求"), max_length=12, choices=ReviewRequirement.choices, blank=True
    )
    volunteer_hours_min = models.PositiveIntegerField(
        _("年度志愿服务最低时长"), default=0, validators=HOURS.validators()
    )
    dues_arrears_max = models.PositiveSmallIntegerField(
        _("团费欠缴最多月数"),
        null=True,
        blank=True,
        help_text=_("空为不检查"),
        validators=MONTHS.validators(),
    )
    cadre_years_min = models.PositiveSmallIntegerField(
        _("最低团干部任职年限"),
        null=True,
        blank=True,
        help_text=_("填写即要求现任团干部"),
        validators=YEARS.validators(),
    )
    exclude_full_time_cadre = models.BooleanField(_("专职团干部不参评"), default=False)
    repeat_gap_years = models.PositiveSmallIntegerField(
        _("同一奖项间隔年限"),
        default=0,
        help_text=_("获得本奖项后若干年内不再参评；0 为不限"),
        validators=YEARS.validators(),
    )
    unit_members_min = models.PositiveSmallIntegerField(
        _("集体最少团员数"), default=0, validators=HEADCOUNT.validators()
    )
    term_current_required = models.BooleanField(_("须按期换届"), default=False)
    deeds_max_chars = models.PositiveIntegerField(
        _("主要事迹字数上限"), default=1500, validators=CHARACTERS.validators()
    )

    class Meta:
        verbose_name = _("奖项")
        verbose_name_plural = _("奖项")
        ordering = ["campaign_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="category_code_once")
        ]

    def __str__(self) -> str:
        # A preset's name reads in the page's language; a committee's own name as typed.
        return gettext(self.name)

    def clean(self) -> None:
        problems = {}
        if self.basis != Basis.FIXED and (self.quota_value or 0) > PERCENT.maximum:
            problems["quota_value"] = _("按比例计算名额时，比例不能超过 100%")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            problems["age_max"] = _("最大年龄不能小于最小年龄")
        if problems:
            raise ValidationError(problems)

    @property
    def is_collective(self) -> bool:
        return self.kind != CategoryKind.INDIVIDUAL


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待团支部审核")
    BRANCH_APPROVED = "branch_approved", _("待团委审核")
    RETURNED = "returned", _("退回修改")
    WITHDRAWN = "withdrawn", _("已撤回")
    REJECTED = "rejected", _("未予推荐")
    COMMITTEE_APPROVED = "committee_approved", _("待评审")
    NOT_SHORTLISTED = "not_shortlisted", _("未入围")
    IN_PUBLICITY = "in_publicity", _("入围公示中")
    OBJECTION = "objection", _("公示异议核查中")
    PUBLICITY_PASSED = "publicity_passed", _("公示无异议，待党委审定")
    DECLINED = "declined", _("党委未同意")
    CONFIRMED = "confirmed", _("党委已审定，待表彰")
    AWARDED = "awarded", _("已表彰")


# Counted against a unit's quota: everything not withdrawn or refused along the way.
QUOTA_HOLDING = [
    NominationStatus.SUBMITTED,
    NominationStatus.BRANCH_APPROVED,
    NominationStatus.RETURNED,
    NominationStatus.COMMITTEE_APPROVED,
    NominationStatus.NOT_SHORTLISTED,
    NominationStatus.IN_PUBLICITY,
    NominationStatus.OBJECTION,
    NominationStatus.PUBLICITY_PASSED,
    NominationStatus.DECLINED,
    NominationStatus.CONFIRMED,
    NominationStatus.AWARDED,
]
UNDER_REVIEW = [
    NominationStatus.SUBMITTED,
    NominationStatus.BRANCH_APPROVED,
    NominationStatus.RETURNED,
]


class NominatedBy(models.TextChoices):
    SELF = "self", _("个人自荐")
    BRANCH = "branch", _("组织推荐")


class NominationManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("category", "subject", "nominee_org", "org")


class Nomination(CaseBase):
    """One nominee (a member or a unit) for one category: the 推荐审批表 and its review."""

    TRANSITION_LABELS = {
        "branch_approve": _("团支部同意推荐"),
        "committee_approve": _("团委同意推荐"),
        "shortlist": _("入围"),
        "confirm": _("党委审定同意"),
        "award": _("表彰"),
    }

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("评选"), on_delete=models.PROTECT, related_name="nominations"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("奖项"), on_delete=models.PROTECT, related_name="nominations"
    )
    nominee_org = models.ForeignKey(
        Organization,
        verbose_name=_("推荐集体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The unit whose quota this nomination uses.
    quota_unit = models.ForeignKey(
        Organization, verbose_name=_("推荐单位"), on_delete=models.PROTECT, related_name="+"
    )
    nominated_by = models.CharField(_("推荐方式"), max_length=8, choices=NominatedBy.choices)
    # The 推荐审批表 as submitted: record fields copied on the day, plus what the nominator wrote.
    form = models.JSONField(_("推荐审批表"), default=dict)
    deeds = models.TextField(_("主要事迹"))
    honours = models.TextField(_("奖惩情况"), blank=True)
    status = FSMField(
        _("状态"),
        default=NominationStatus.SUBMITTED,
        choices=NominationStatus.choices,
        protected=True,
    )
    # Panel results, written when the committee closes the panel.
    votes_for = models.PositiveIntegerField(_("赞成票"), null=True, blank=True)
    judges_counted = models.PositiveIntegerField(_("参与评审评委数"), null=True, blank=True)
    score = models.DecimalField(_("平均分"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("排名"), null=True, blank=True)

    objects = NominationManager()

    class Meta:
        verbose_name = _("评优推荐")
        verbose_name_plural = _("评优推荐")
        ordering = ["category__order", "rank", "pk"]

    @classmethod
    def search_filter(cls, text: str) -> models.Q:
        return (
            models.Q(reference__icontains=text)
            | models.Q(subject__name__icontains=text)
            | models.Q(subject__isnull=True, nominee_org__name__icontains=text)
        )

    headline_relations = ("org", "subject", "nominee_org", "category")

    @property
    def headline(self) -> str:
        who = self.subject.name if self.subject_id else self.nominee_org.name
        return f"{who}（{self.category.name}）"

    @property
    def nominee_name(self) -> str:
        return self.subject.name if self.subject_id else self.nominee_org.name

    def transition_problems(self, transition: str) -> list[str]:
        return conditions.nomination_problems(self, transition) or super().transition_problems(
            transition
        )

    @transition(
        field=status,
        source=NominationStatus.SUBMITTED,
        target=NominationStatus.BRANCH_APPROVED,
        conditions=[conditions.nomination_eligible],
    )
    def branch_approve(self) -> None:
        pass

    @transition(
        field=status,
        source=[NominationStatus.SUBMITTED, NominationStatus.BRANCH_APPROVED],
        target=NominationStatus.RETURNED,
    )
    def return_to_nominator(self) -> None:
        pass

    @transition(
        field=status,
        source=NominationStatus.RETURNED,
        target=RETURN_VALUE(NominationStatus.SUBMITTED, NominationStatus.BRANCH_APPROVED),
        conditions=[conditions.nomination_eligible, conditions.nomination_in_time],
    )
    def resubmit(self) -> str:
        """A branch's own nomination goes straight back to the committee."""
        if self.nominated_by == NominatedBy.BRANCH:
            return NominationStatus.BRANCH_APPROVED
        return NominationStatus.SUBMITTED

    @transition(
        field=status,
        source=[NominationStatus.SUBMITTED, NominationStatus.RETURNED],
        target=NominationStatus.WITHDRAWN,
    )
    def withdraw(self) -> None:
        pass

    @transition(
        field=status,
        source=[NominationStatus.SUBMITTED, NominationStatus.BRANCH_APPROVED],
        target=NominationStatus.REJECTED,
    )
    def reject(self) -> None:
        pass

    @transition(
        field=status,
        source=NominationStatus.BRANCH_APPROVED,
        target=NominationStatus.COMMITTEE_APPROVED,
        conditions=[conditions.nomination_eligible],
    )
    def committee_approve(self) -> None:
        pass

    @transition(
        field=status,
        source=NominationStatus.COMMITTEE_APPROVED,
        target=NominationStatus.IN_PUBLICITY,
        conditions=[conditions.panel_passed],
    )
    def shortlist(self) -> None:
        pass

    @transition(
        field=status,
        source=NominationStatus.COMMITTEE_APPROVED,
        target=NominationStatus.NOT_SHORTLISTED,
    )
    def leave_out(self) -> None:
        pass

    @transition(
        field=status, source=NominationStatus.IN_PUBLICITY, target=NominationStatus.OBJECTION
    )
    def object(self) -> None:
        pass

    @transition(
        field=status, source=NominationStatus.IN_PUBLICITY, target=NominationStatus.PUBLICITY_PASSED
    )
    def publicity_pass(self) -> None:
        pass

    @transition(
        field=status,
        source=NominationStatus.OBJECTION,
        target=RETURN_VALUE(NominationStatus.IN_PUBLICITY, NominationStatus.PUBLICITY_PASSED),
        conditions=[conditions.no_open_objection],
    )
    def objection_dismiss(self, *, publicity_open: bool) -> str:
        """Back into the 公示 still running, or through it when it has already closed."""
        return (
            NominationStatus.IN_PUBLICITY if publicity_open else NominationStatus.PUBLICITY_PASSED
        )

    @transition(field=status, source=NominationStatus.OBJECTION, target=NominationStatus.REJECTED)
    def objection_uphold(self) -> None:
        pass

    @transition(
        field=status,
        source=NominationStatus.PUBLICITY_PASSED,
        target=NominationStatus.CONFIRMED,
    )
    def confirm(self) -> None:
        pass

    @transition(
        field=status,
        source=NominationStatus.PUBLICITY_PASSED,
        target=NominationStatus.DECLINED,
    )
    def decline(self) -> None:
        pass

    @transition(field=status, source=NominationStatus.CONFIRMED, target=NominationStatus.AWARDED)
    def award(self) -> None:
        pass


class Ballot(models.Model):
    """One judge's vote or score on one nomination. Cast once; the panel tally reads these."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("推荐"), on_delete=models.PROTECT, related_name="ballots"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评委"), on_delete=models.PROTECT, related_name="+"
    )
    approve = models.BooleanField(_("赞成"))
    score = models.DecimalField(
        _("评分"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=SCORE.validators(),
    )
    cast_at = models.DateTimeField(_("投票时间"), default=timezone.now)

    class Meta:
        verbose_name = _("评审票")
        verbose_name_plural = _("评审票")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "judge"], name="one_ballot_per_judge")
        ]

    def __str__(self) -> str:
        return f"{self.judge} → {self.nomination_id}"


class Honour(models.Model):
    """An honour received: on the member's or unit's record, read by later eligibility checks."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("获奖团员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    org = models.ForeignKey(
        Organization,
        verbose_name=_("获奖集体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    category_code = models.CharField(_("奖项代码"), max_length=30, db_index=True)
    title = models.CharField(_("荣誉称号"), max_length=120)
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR.validators())
    awarded_by = models.ForeignKey(
        Organization, verbose_name=_("授予单位"), on_delete=models.PROTECT, related_name="+"
    )
    awarded_on = models.DateField(_("授予日期"), validators=[process_date_validator])
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("评选记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honour",
    )
    document_number = models.CharField(_("表彰决定文号"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("荣誉记录")
        verbose_name_plural = _("荣誉记录")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member__isnull=False) | models.Q(org__isnull=False),
                name="honour_has_holder",
            )
        ]

    def __str__(self) -> str:
        holder = self.member.name if self.member_id else self.org.name
        return f"{self.year} {holder} {self.title}"
