"""Issued PDF documents, their numbering counters and renders that failed after a decision."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.org.models import Organization


class LenientJSONEncoder(DjangoJSONEncoder):
    """Dates and decimals as ISO strings; anything else as its text rather than an error."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


class SubjectLink(models.Model):
    """What a document is about: a case, a round, any record (or nothing)."""

    subject_type = models.ForeignKey(
        ContentType,
        verbose_name=_("对象类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_id = models.PositiveBigIntegerField(_("对象编号"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    class Meta:
        abstract = True


class IssuedDocument(SubjectLink):
    """One stored PDF. Never rewritten: re-issuing creates the next version."""

    kind = models.CharField(_("文书类型"), max_length=40, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    org = models.ForeignKey(
        Organization,
        verbose_name=_("发文组织"),
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    # Snapshot: scoping stays correct even if the organisation later moves in the tree.
    org_path = models.CharField(_("组织路径"), max_length=255, db_index=True, editable=False)
    number = models.CharField(_("发文字号"), max_length=60, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    short_code = models.CharField(_("核验码"), max_length=10, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file = models.FileField(_("文件"), upload_to="documents/%Y/%m/")
    size = models.PositiveIntegerField(_("大小（字节）"))
    decisions = models.JSONField(
        _("审批意见"), default=list, blank=True, encoder=LenientJSONEncoder
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("取代版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )

    class Meta:
        verbose_name = _("已签发文书")
        verbose_name_plural = _("已签发文书")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "version"],
                name="documents_one_version_per_subject",
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id", "kind"])]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def successor(self) -> IssuedDocument | None:
        try:
            return self.superseded_by
        except IssuedDocument.DoesNotExist:
            return None


class DocumentNumberCounter(models.Model):
    """Last 发文字号 sequence number used by an issuer in a year."""

    issuer = models.ForeignKey(
        Organization, verbose_name=_("发文机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用序号"), default=0)

    class Meta:
        verbose_name = _("发文字号计数器")
        verbose_name_plural = _("发文字号计数器")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="documents_counter_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last}"


class DocumentFailure(SubjectLink):
    """A render scheduled after a decision that raised; ``arguments`` are enough to retry it."""

    kind = models.CharField(_("文书类型"), max_length=40)
    error = models.TextField(_("错误"))
    arguments = models.JSONField(_("重试参数"), encoder=LenientJSONEncoder)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=1)
    created_at = models.DateTimeField(_("发生时间"), default=timezone.now)
    resolved_at = models.DateTimeField(_("解决时间"), null=True, blank=True)
    document = models.ForeignKey(
        IssuedDocument,
        verbose_name=_("补发文书"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("文书生成失败")
        verbose_name_plural = _("文书生成失败")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resolved_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.subject_id}: {self.error[:60]}"


class ZipJob(models.Model):
    """A ZIP of many documents built in the background; only its requester may fetch it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    # Names a part builder registered with ``jobs.zip_job_kinds_register``.
    kind = models.CharField(_("任务类型"), max_length=40)
    title = models.CharField(_("标题"), max_length=200)
    items = models.JSONField(_("对象"), default=list, encoder=LenientJSONEncoder)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    error = models.TextField(_("错误"), blank=True)
    file = models.FileField(_("文件"), upload_to="jobs/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("打包任务")
        verbose_name_plural = _("打包任务")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.done}/{self.total})"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
