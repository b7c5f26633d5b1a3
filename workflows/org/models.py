"""Organisation tree, members and dated appointments."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from workflows.engine.bounds import HOURS, YEAR, past_date_validator, process_date_validator

from .identity import id_digest


class OrgKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("党委")
    PARTY_BRANCH = "party_branch", _("党支部")
    LEAGUE_COMMITTEE = "league_committee", _("团委")
    GENERAL_BRANCH = "general_branch", _("团总支")
    BRANCH = "branch", _("团支部")


LEAGUE_KINDS = {OrgKind.LEAGUE_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH}
PARTY_KINDS = {OrgKind.PARTY_COMMITTEE, OrgKind.PARTY_BRANCH}
PARTY_KIND_VALUES = ["party_committee", "party_branch"]


class Organization(models.Model):
    name = models.CharField(_("名称"), max_length=120)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/1/4/17/": subtree scoping is one indexed prefix match.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    party_org = models.ForeignKey(
        "self",
        verbose_name=_("对应党组织"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="league_orgs",
        limit_choices_to={"kind__in": PARTY_KIND_VALUES},
    )
    issuer_mark = models.CharField(
        _("发文机关代字"), max_length=20, blank=True, help_text=_("如“卫团”，用于发文字号")
    )
    is_student = models.BooleanField(_("学生团组织"), default=False)

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        expected = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if self.path != expected:
            self.path = expected
            type(self).objects.filter(pk=self.pk).update(path=expected)

    def subtree(self) -> models.QuerySet[Organization]:
        return Organization.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list[Organization]:
        """Ancestors from the root down, excluding self."""
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        by_id = Organization.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def nearest(self, kinds: set[str]) -> Organization | None:
        """This organisation or its closest ancestor of one of ``kinds``."""
        if self.kind in kinds:
            return self
        for org in reversed(self.ancestors()):
            if org.kind in kinds:
                return org
        return None


class PoliticalStatus(models.TextChoices):
    LEAGUE_MEMBER = "league_member", _("共青团员")
    PROBATIONARY_PARTY = "probationary_party", _("中共预备党员")
    PARTY_MEMBER = "party_member", _("中共党员")
    MASSES = "masses", _("群众")


class PartyProgress(models.TextChoices):
    NONE = "none", _("未申请入党")
    APPLICANT = "applicant", _("入党申请人")
    ACTIVIST = "activist", _("入党积极分子")
    CANDIDATE = "candidate", _("发展对象")


class Standing(models.TextChoices):
    GOOD = "good", _("正常")
    PROBATION = "probation", _("留团察看")


class LeaveReason(models.TextChoices):
    OVER_AGE = "over_age", _("超龄离团")
    WITHDRAWN = "withdrawn", _("自愿退团")
    EXPELLED = "expelled", _("开除团籍")
    DECEASED = "deceased", _("去世")


class MemberQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(), which writes the digest of the 身份证号: written here.
        objs = list(objs)
        for member in objs:
            member.id_digest_set()
        return super().bulk_create(objs, *args, **kwargs)


class Member(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=2, choices=[("男", _("男")), ("女", _("女"))])
    birth_date = models.DateField(_("出生日期"), validators=[past_date_validator])
    ethnicity = models.CharField(_("民族"), max_length=20, default="汉族")
    political_status = models.CharField(
        _("政治面貌"),
        max_length=24,
        choices=PoliticalStatus.choices,
        default=PoliticalStatus.LEAGUE_MEMBER,
    )
    league_join_date = models.DateField(
        _("入团时间"), null=True, blank=True, validators=[past_date_validator]
    )
    education = models.CharField(_("文化程度"), max_length=20, blank=True)
    department = models.CharField(_("单位/科室"), max_length=120, blank=True)
    league_post = models.CharField(_("团内职务"), max_length=60, blank=True)
    party_application_date = models.DateField(
        _("入党申请书递交日期"), null=True, blank=True, validators=[past_date_validator]
    )
    party_progress = models.CharField(
        _("入党进程"), max_length=16, choices=PartyProgress.choices, default=PartyProgress.NONE
    )
    activist_since = models.DateField(
        _("确定为入党积极分子日期"), null=True, blank=True, validators=[past_date_validator]
    )
    # The library stores an empty value as NULL.
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, null=True)
    # What a member is found by when a sheet names them by 身份证号 (identity.id_digest).
    id_digest = models.CharField(max_length=64, null=True, editable=False, db_index=True)
    phone = models.CharField(_("手机"), max_length=20, blank=True)
    branch = models.ForeignKey(
        Organization,
        verbose_name=_("所在团支部"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    standing = models.CharField(
        _("团籍状态"), max_length=12, choices=Standing.choices, default=Standing.GOOD
    )
    is_active = models.BooleanField(_("在册"), default=True)
    probation_since = models.DateField(
        _("留团察看起始"), null=True, blank=True, validators=[process_date_validator]
    )
    probation_until = models.DateField(
        _("留团察看期满"), null=True, blank=True, validators=[process_date_validator]
    )
    left_on = models.DateField(
        _("离团日期"), null=True, blank=True, validators=[process_date_validator]
    )
    left_reason = models.CharField(
        _("离团原因"), max_length=12, choices=LeaveReason.choices, blank=True
    )
    # 专职团干部 are excluded from some honours meant for members in their own line of work.
    is_full_time_cadre = models.BooleanField(_("专职团干部"), default=False)
    dues_paid_until = models.DateField(
        _("团费缴至"),
        null=True,
        blank=True,
        help_text=_("已缴团费的最后一个月内任意一天"),
        validators=[process_date_validator],
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("团员")
        verbose_name_plural = _("团员")
        ordering = ["branch_id", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.id_digest_set()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "id_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "id_digest"}
        super().save(*args, **kwargs)

    def id_digest_set(self) -> None:
        self.id_digest = id_digest(self.id_number) if self.id_number else None

    @property
    def id_number_masked(self) -> str:
        value = self.id_number or ""
        if len(value) < 8:
            return "*" * len(value)
        return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"

    def age_on(self, day: datetime.date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("待接收")
    ACCEPTED = "accepted", _("已接收")
    REFUSED = "refused", _("未接收")
    CANCELLED = "cancelled", _("已撤回")


class MemberTransfer(models.Model):
    """团员关系转接: the sending side asks, the receiving side takes the member in (or not)."""

    member = models.ForeignKey(
        Member, verbose_name=_("团员"), on_delete=models.PROTECT, related_name="transfers"
    )
    from_branch = models.ForeignKey(
        Organization, verbose_name=_("转出团支部"), on_delete=models.PROTECT, related_name="+"
    )
    to_branch = models.ForeignKey(
        Organization, verbose_name=_("转入团支部"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("转接原因"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=12, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("办理时间"), null=True, blank=True)
    note = models.CharField(_("办理意见"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("团员关系转接")
        verbose_name_plural = _("团员关系转接")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open transfer per member: a second would race the first to move them.
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status="pending"),
                name="one_pending_transfer_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.from_branch} → {self.to_branch}"


class ReviewResult(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    BASIC = "basic", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")


class MemberYear(models.Model):
    """A member's record for one year: 教育评议 result and volunteer service hours."""

    member = models.ForeignKey(
        Member, verbose_name=_("团员"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR.validators())
    review_result = models.CharField(
        _("教育评议结果"), max_length=12, choices=ReviewResult.choices, blank=True
    )
    volunteer_hours = models.DecimalField(
        _("志愿服务时长（小时）"),
        max_digits=7,
        decimal_places=1,
        default=0,
        validators=HOURS.validators(),
    )

    class Meta:
        verbose_name = _("年度记录")
        verbose_name_plural = _("年度记录")
        ordering = ["member_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="one_record_per_member_year")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"


class Role(models.TextChoices):
    SECRETARY = "secretary", _("书记")
    DEPUTY_SECRETARY = "deputy_secretary", _("副书记")
    ORGANIZATION_MEMBER = "organization_member", _("组织委员")
    COMMITTEE_MEMBER = "committee_member", _("委员")
    AUDITOR = "auditor", _("纪检/审计")


class AppointmentQuerySet(models.QuerySet):
    def on(self, day: datetime.date) -> AppointmentQuerySet:
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Appointment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("任职人"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    org = models.ForeignKey(
        Organization, verbose_name=_("组织"), on_delete=models.PROTECT, related_name="appointments"
    )
    role = models.CharField(_("职务"), max_length=24, choices=Role.choices)
    start_date = models.DateField(_("任职日期"), validators=[process_date_validator])
    end_date = models.DateField(
        _("离任日期"), null=True, blank=True, validators=[process_date_validator]
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        indexes = [models.Index(fields=["org", "role", "start_date"])]

    def __str__(self) -> str:
        return f"{self.org} {self.get_role_display()} {self.user}"


class Substitute(models.Model):
    """A dated stand-in (代理人) who may act for ``principal`` while the dates cover the day."""

    principal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("被代理人"),
        on_delete=models.CASCADE,
        related_name="substitutes_given",
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("代理人"),
        on_delete=models.CASCADE,
        related_name="substitutes_taken",
    )
    start_date = models.DateField(_("开始日期"), validators=[process_date_validator])
    end_date = models.DateField(_("结束日期"), validators=[process_date_validator])
    reason = models.CharField(_("事由"), max_length=200, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("代理人")
        verbose_name_plural = _("代理人")

    def __str__(self) -> str:
        return f"{self.substitute} 代 {self.principal}"
