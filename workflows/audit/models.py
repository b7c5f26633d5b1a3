"""The append-only, hash-chained audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditAction(models.TextChoices):
    """Known action codes and their labels; other codes are stored and shown as they are."""

    CASE_CREATE = "case.create", _("创建案件")
    CASE_TRANSITION = "case.transition", _("状态变更")
    CASE_CC = "case.cc", _("抄送")
    TASK_ASSIGN = "task.assign", _("任务分派")
    TASK_CLAIM = "task.claim", _("认领任务")
    TASK_UNCLAIM = "task.unclaim", _("退回队列")
    TASK_TRANSFER = "task.transfer", _("任务转交")
    TASK_ESCALATE = "task.escalate", _("逾期督办")
    TASK_SIGNERS = "task.signers", _("多人签署")
    TASK_SIGNERS_CLOSE = "task.signers_close", _("无需再签署")
    TASK_ADD_SIGNER = "task.add_signer", _("加签")
    OPINION_ADD = "opinion.add", _("填写意见")
    COMMENT_ADD = "comment.add", _("添加评论")
    ATTACHMENT_ADD = "attachment.add", _("上传附件")
    MEETING_RECORD = "meeting.record", _("会议表决记录")
    PUBLICITY_OPEN = "publicity.open", _("发布公示")
    PUBLICITY_OBJECTION = "publicity.objection", _("公示异议")
    PUBLICITY_OBJECTION_RESOLVED = "publicity.objection_resolved", _("公示异议处理")
    ROUND_CREATE = "round.create", _("创建推优批次")
    DOCUMENT_ISSUE = "document.issue", _("出具文书")
    APPOINTMENT_START = "appointment.start", _("任职")
    APPOINTMENT_END = "appointment.end", _("离任")
    TASK_REROUTE = "task.reroute", _("待办随任职变更移交")
    TERM_CREATE = "term.create", _("登记任期")
    TERM_CHANGE = "term.change", _("调整任期")
    TERM_REMIND = "term.remind", _("换届提醒")
    ELECTION_ROUND = "election.round", _("选举计票")
    ELECTION_OFFICERS = "election.officers", _("委员分工")
    CAMPAIGN_CATEGORY = "campaign.category", _("修改评选奖项")
    PANEL_BALLOT = "panel.ballot", _("提交评审票")
    AWARD_GRANT = "award.grant", _("表彰")
    COLLECTIVE_REGISTER = "collective.register", _("登记青年集体")
    COLLECTIVE_ROSTER = "collective.roster", _("调整集体名册")
    COLLECTIVE_GROUP = "collective.group", _("调整评审小组")
    POST_RUBRIC = "post.rubric", _("修改考核评分细则")
    PEER_REVIEW_ASSIGN = "peer_review.assign", _("分配互检互查")
    PEER_REVIEW_SUBMIT = "peer_review.submit", _("提交互检互查评分")
    PEER_REVIEW_REMIND = "peer_review.remind", _("互检互查催办")
    POST_RECOGNISE = "post.recognise", _("命名青年文明号")
    POST_REVOKE = "post.revoke", _("撤销青年文明号")
    AUTH_LOGIN_FAILED = "auth.login_failed", _("登录失败")
    AUTH_LOCKED_OUT = "auth.locked_out", _("账号锁定")
    AUTH_UNLOCKED = "auth.unlocked", _("账号解锁")
    AUTH_PASSWORD_RESET = "auth.password_reset", _("重置密码")
    AUTH_PASSWORD_CHANGED = "auth.password_changed", _("本人修改密码")
    CALENDAR_IMPORT = "calendar.import", _("导入放假安排")
    MEMBER_IMPORT = "member.import", _("导入团员")
    MEMBER_EXPORT = "member.export", _("导出团员名单")
    MEMBER_JOIN = "member.join", _("入团")
    MEMBER_UPDATE = "member.update", _("修改团员信息")
    MEMBER_TRANSFER_REQUEST = "member.transfer_request", _("发起团员关系转接")
    MEMBER_TRANSFER_ACCEPT = "member.transfer_accept", _("接收团员关系")
    MEMBER_TRANSFER_REFUSE = "member.transfer_refuse", _("不接收团员关系")
    MEMBER_TRANSFER_CANCEL = "member.transfer_cancel", _("撤回团员关系转接")
    MEMBER_LEAVE = "member.leave", _("离团")
    MEMBER_PROBATION_START = "member.probation_start", _("留团察看")
    MEMBER_PROBATION_END = "member.probation_end", _("解除留团察看")
    ACCOUNT_OPEN = "account.open", _("批量开通账号")
    SUBSTITUTE_START = "substitute.start", _("指定代理人")


ACTION_LABELS = dict(AuditAction.choices)


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a recorded audit event."""


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    org = models.ForeignKey(
        "org.Organization",
        verbose_name=_("组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Snapshot of org.path when the event happened: scoping must not move if the tree changes.
    org_path = models.CharField(_("组织路径"), max_length=255, db_index=True, blank=True)
    case_type = models.ForeignKey(
        ContentType,
        verbose_name=_("案件类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case_id = models.PositiveBigIntegerField(_("案件编号"), null=True, blank=True)
    case_label = models.CharField(_("案件"), max_length=255, blank=True)
    action = models.CharField(_("动作"), max_length=64, db_index=True)
    before = models.CharField(_("变更前"), max_length=255, blank=True)
    after = models.CharField(_("变更后"), max_length=255, blank=True)
    opinion = models.TextField(_("意见"), blank=True)
    data = models.JSONField(_("附加数据"), default=dict, blank=True)
    origin_ip = models.GenericIPAddressField(_("来源IP"), null=True, blank=True)
    user_agent = models.CharField(_("客户端"), max_length=255, blank=True)
    # Unique, so two appends that raced past the chain lock fail instead of forking the chain.
    prev_hash = models.CharField(_("前一事件哈希"), max_length=64, unique=True)
    # Which AUDIT_HMAC_KEYS entry signed ``hash``; empty for events written before keys existed,
    # which are plain SHA-256 and sealed by the first keyed event's ``prev_hash``.
    key_id = models.CharField(_("签名密钥"), max_length=16, blank=True)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        get_latest_by = "id"
        indexes = [models.Index(fields=["case_type", "case_id", "id"], name="audit_case_timeline")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action_label} {self.case_label}".strip()

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events are append-only")

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class AuditChainHead(models.Model):
    """The single row every append locks, so appends form one line even across processes.

    The database lets it only move forward, to the event just appended, and never be deleted."""

    last_hash = models.CharField(_("最后事件哈希"), max_length=64, default=GENESIS_HASH)
    last_id = models.PositiveBigIntegerField(_("最后事件编号"), null=True, blank=True)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.last_id} {self.last_hash[:12]}"


class AuditCheckpoint(models.Model):
    """A signed statement of the chain heads at one moment, also written outside the database
    (a file, e-mail, the documents printed after it), so that a rewrite of the chain by someone
    who can bypass the triggers no longer matches what was published."""

    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    # Every chain head as {"stream", "last_id", "last_hash"}; ``root`` is their Merkle root.
    heads = models.JSONField(_("链头"), default=list)
    root = models.CharField(_("默克尔根"), max_length=64)
    event_count = models.PositiveBigIntegerField(_("事件数"))
    prev_signature = models.CharField(_("上一检查点签名"), max_length=64)
    key_id = models.CharField(_("签名密钥"), max_length=16)
    signature = models.CharField(_("签名"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("审计检查点")
        verbose_name_plural = _("审计检查点")
        get_latest_by = "id"

    def __str__(self) -> str:
        return f"#{self.pk} {self.root[:12]}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit checkpoints are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit checkpoints are append-only")


class SavedFilter(models.Model):
    """A set of filters someone keeps under a name for one of the workspace's lists; only its
    owner sees it."""

    class Kind(models.TextChoices):
        EVENTS = "events", _("审计日志")
        CASES = "cases", _("案件查询")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("列表"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=60)
    # The list's query string, only its filter fields.
    query = models.CharField(_("筛选条件"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("保存时间"), default=timezone.now)

    class Meta:
        verbose_name = _("保存的筛选")
        verbose_name_plural = _("保存的筛选")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "name"], name="audit_saved_filter_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        page = reverse("audit:event_list" if self.kind == self.Kind.EVENTS else "audit:case_search")
        return f"{page}?{self.query}" if self.query else page
