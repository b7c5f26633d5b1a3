"""The demo logins: one list, read by ``seed_demo`` (which creates them) and ``demo_logins``."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from workflows.org.models import Role

from .structure import COMMISSION_PARTY, COMMITTEE

DEMO_PASSWORD = "demo12345"

SUPERUSER = "superuser"
MEMBER = "member"

XNK_BRANCH = "心内科团支部"
XNK_PARTY = "心内科党支部"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str  # a Role value, SUPERUSER or MEMBER (an ordinary 团员)
    org: str = ""  # organisation name: the office's unit, or the member's branch
    note: str = ""

    @property
    def role_label(self) -> str:
        if self.role == SUPERUSER:
            return "系统管理员"
        if self.role == MEMBER:
            return "团员"
        return str(Role(self.role).label)


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", "系统管理员", SUPERUSER, note="超级用户，可进入管理后台"),
    DemoLogin(
        "tw_shuji",
        "王立群",
        Role.SECRETARY,
        COMMITTEE,
        "团委推荐、公示异议核查；五四评优发起、评审汇总、表彰决定；青年文明号团委评定、命名",
    ),
    DemoLogin("tw_fushuji", "张静怡", Role.DEPUTY_SECRETARY, COMMITTEE),
    DemoLogin(
        "tw_zuzhi1",
        "李思远",
        Role.ORGANIZATION_MEMBER,
        COMMITTEE,
        "团委审核（共享队列）、评优评委、文明号备案审查和年度复核",
    ),
    DemoLogin(
        "tw_zuzhi2",
        "赵雅琴",
        Role.ORGANIZATION_MEMBER,
        COMMITTEE,
        "团委审核（共享队列）、评优评委、文明号备案审查和年度复核",
    ),
    DemoLogin("shenji", "孙明哲", Role.AUDITOR, COMMITTEE, "查阅全部案件历史、导出"),
    DemoLogin(
        "xnk_shuji",
        "陈晓东",
        Role.SECRETARY,
        XNK_BRANCH,
        "团支部审核、团员大会表决；评优自荐审核，评优评委（回避本支部）",
    ),
    DemoLogin("xnk_fushuji", "周婷", Role.DEPUTY_SECRETARY, XNK_BRANCH, "代理 xnk_shuji（代理人）"),
    DemoLogin("xnk_dangzhishu", "刘建国", Role.SECRETARY, XNK_PARTY, "党组织决定"),
    DemoLogin(
        "tuanyuan", "林晓雯", MEMBER, XNK_BRANCH, "符合推优条件，尚未申请；可自荐优秀共青团员"
    ),
    DemoLogin("shenqingren", "黄思琪", MEMBER, XNK_BRANCH, "推优申请被退回，待修改"),
    DemoLogin(
        "yiyuan_shuji",
        "吴振华",
        Role.SECRETARY,
        "市第一人民医院团委",
        "医院团委书记，已申报五四红旗团委",
    ),
    # The name the plan drew for the commission's party secretary before he became a demo login.
    DemoLogin("dw_shuji", "诸葛亦刚", Role.SECRETARY, COMMISSION_PARTY, "五四评优党委审定"),
)

BY_USERNAME: dict[str, DemoLogin] = {login.username: login for login in DEMO_LOGINS}


def logins_create(names: dict[str, str], *, superuser: str = "") -> int:
    """Create the accounts of ``names`` (username → name) that do not exist yet, all with the
    demo password; ``superuser`` is the administrator's username. Returns how many were made."""
    User = get_user_model()
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    missing = [username for username in names if username not in existing]
    if missing:
        # One hash for everyone: hashing hundreds of passwords one by one would take minutes.
        hashed = make_password(DEMO_PASSWORD)
        User.objects.bulk_create(
            [
                User(
                    username=username,
                    first_name=names[username],
                    password=hashed,
                    is_staff=username == superuser,
                    is_superuser=username == superuser,
                )
                for username in missing
            ],
            batch_size=500,
        )
    return len(missing)
