"""青年文明号 collectives: review groups, the collectives with their rosters, and the base of
every case about one collective."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.engine.bounds import past_date_validator
from workflows.engine.models import CaseBase
from workflows.org.models import Member, Organization


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

    @classmethod
    def search_filter(cls, text: str) -> models.Q:
        return models.Q(reference__icontains=text) | models.Q(collective__name__icontains=text)

    headline_relations = ("org", "collective")

    @property
    def headline(self) -> str:
        return self.collective.name

    @property
    def subject_user_id(self) -> int | None:
        """Nobody decides on their own collective: its 号长 is recused like a case's subject."""
        leader = self.collective.leader
        return leader.user_id if leader is not None else None


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
