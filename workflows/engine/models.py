"""Shared records every process uses: the case base, opinions, attachments, CC, notifications,
meeting votes and the 公示 step."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin

from workflows.org.models import Member, Organization


class CaseBase(ConcurrentTransitionMixin, models.Model):
    """What every case record has. Concrete cases add ``status = FSMField(protected=True)``."""

    reference = models.CharField(_("编号"), max_length=32, unique=True, editable=False)
    org = models.ForeignKey(
        Organization, verbose_name=_("所属组织"), on_delete=models.PROTECT, related_name="+"
    )
    # Copied from org.path so subtree scoping needs no join.
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    # The member the case is about; cases about a unit (an election) have none.
    subject = models.ForeignKey(
        Member,
        verbose_name=_("当事人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    process = models.OneToOneField(
        "viewflow.Process", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rulebook = models.ForeignKey(
        "rules.Rulebook",
        verbose_name=_("规则版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rules_snapshot = models.JSONField(_("适用规则"), default=dict, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # What ``headline`` and the unit column read: lists load them with the case.
    headline_relations: tuple[str, ...] = ("org", "subject")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.reference} {self.headline}"

    def get_absolute_url(self) -> str:
        return reverse("engine:case_detail", args=[self._meta.label_lower, self.pk])

    @property
    def headline(self) -> str:
        """Who or what the case is about, in lists and notifications."""
        return self.subject.name if self.subject_id else self.org.name

    @property
    def told_user_id(self) -> int | None:
        """Who is told of each move of the case: whoever applied for it."""
        return self.applicant_id

    @property
    def subject_user_id(self) -> int | None:
        return self.subject.user_id if self.subject_id else None

    @classmethod
    def search_filter(cls, text: str) -> models.Q:
        """Cases whose reference or headline contains ``text``: what the search box of every
        list matches. A case whose headline is something else (a collective, a title) says so."""
        return (
            models.Q(reference__icontains=text)
            | models.Q(subject__name__icontains=text)
            | models.Q(subject__isnull=True, org__name__icontains=text)
        )

    TRANSITION_LABELS: dict[str, str | Promise] = {}

    def transition_label(self, transition: str) -> str:
        label = self.TRANSITION_LABELS.get(transition)
        if label is None:
            return gettext("执行此操作（%(transition)s）") % {"transition": transition}
        return str(label)

    def transition_problems(self, transition: str) -> list[str]:
        """Why the conditions of ``transition`` do not hold, in words; cases override this."""
        return [gettext("不满足「%(transition)s」的条件") % {"transition": transition}]


class CommitteeCaseBase(CaseBase):
    """A case a committee runs for the units below it (a 五四 campaign, a 青年文明号 cycle):
    known by its title, and nobody applied for it. Concrete cases add ``title``."""

    headline_relations = ("org",)

    class Meta:
        abstract = True

    @property
    def told_user_id(self) -> int | None:
        # The committee's staff follow it in their 待办; there is no applicant to tell.
        return None

    @classmethod
    def search_filter(cls, text: str) -> models.Q:
        return models.Q(reference__icontains=text) | models.Q(title__icontains=text)

    @property
    def headline(self) -> str:
        return self.title


class CaseLinkQuerySet(models.QuerySet):
    def for_case(self, case: models.Model) -> CaseLinkQuerySet:
        return self.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk)


class CaseLink(models.Model):
    """A row attached to any case by content type and id."""

    case_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    case_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("case_type", "case_id")

    objects = CaseLinkQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["case_type", "case_id"])]


class Decision(models.TextChoices):
    APPROVE = "approve", _("同意")
    REJECT = "reject", _("不同意（终止）")
    RETURN = "return", _("退回修改")
    RETURN_PREVIOUS = "return_previous", _("退回上一步")
    RESUBMIT = "resubmit", _("重新提交")
    WITHDRAW = "withdraw", _("撤回")
    TRANSFER = "transfer", _("转交")
    COMMENT = "comment", _("评论")
    RECORD = "record", _("记录")


class Opinion(CaseLink):
    task = models.ForeignKey(
        "viewflow.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step = models.CharField(_("环节"), max_length=60)
    decision = models.CharField(_("意见"), max_length=20, choices=Decision.choices)
    text = models.TextField(_("意见内容"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签署人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta(CaseLink.Meta):
        verbose_name = _("审批意见")
        verbose_name_plural = _("审批意见")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.step}：{self.get_decision_display()}"


class Attachment(CaseLink):
    task = models.ForeignKey(
        "viewflow.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("文件"), upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("类型"), max_length=120)
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    purpose = models.CharField(_("用途"), max_length=40, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta(CaseLink.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class CarbonCopy(CaseLink):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("抄送给"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("抄送人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(CaseLink.Meta):
        verbose_name = _("抄送")
        verbose_name_plural = _("抄送")
        constraints = [
            models.UniqueConstraint(fields=["case_type", "case_id", "user"], name="cc_once")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("内容"), max_length=255)
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class MeetingVote(CaseLink):
    """One collective decision (会议研究) on one case: attendance, ballots and the tally."""

    task = models.ForeignKey(
        "viewflow.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting_date = models.DateField(_("会议日期"))
    should_attend = models.PositiveIntegerField(_("应到会人数"))
    present = models.PositiveIntegerField(_("实到会人数"))
    ballots = models.PositiveIntegerField(_("收回选票"))
    votes_for = models.PositiveIntegerField(_("赞成"))
    votes_against = models.PositiveIntegerField(_("反对"))
    votes_abstain = models.PositiveIntegerField(_("弃权"))
    secret_ballot = models.BooleanField(_("无记名投票"), default=True)
    passed = models.BooleanField(_("通过"))
    minutes = models.ForeignKey(
        Attachment,
        verbose_name=_("会议记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta(CaseLink.Meta):
        verbose_name = _("会议表决")
        verbose_name_plural = _("会议表决")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.summary

    @property
    def summary(self) -> str:
        return gettext(
            "应到%(should_attend)s人，实到%(present)s人，"
            "赞成%(votes_for)s人，反对%(votes_against)s人，弃权%(votes_abstain)s人"
        ) % {
            "should_attend": self.should_attend,
            "present": self.present,
            "votes_for": self.votes_for,
            "votes_against": self.votes_against,
            "votes_abstain": self.votes_abstain,
        }


class Publicity(CaseLink):
    """A 公示: exactly what was published, where, and for which working days."""

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

    class Meta(CaseLink.Meta):
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title


class Objection(models.Model):
    publicity = models.ForeignKey(Publicity, on_delete=models.PROTECT, related_name="objections")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反映人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("反映内容"))
    # What the objection is about when one notice lists several cases (a campaign's shortlist):
    # the record's id within its process, and its name as the author saw it.
    about_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    about_label = models.CharField(_("反映对象"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("反映时间"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolution = models.TextField(_("核查结论"), blank=True)
    upheld = models.BooleanField(_("反映属实"), null=True)

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:30]


class OpinionPhrase(models.Model):
    """常用语: a phrase an approver keeps to put into an opinion with one tap."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opinion_phrases"
    )
    text = models.CharField(_("常用语"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("常用语")
        verbose_name_plural = _("常用语")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "text"], name="opinion_phrase_once")]

    def __str__(self) -> str:
        return self.text
