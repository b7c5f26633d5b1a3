"""National defaults for every process: the numbers the league's own documents fix.

A committee's rulebook may override any of them; a key absent here cannot be overridden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Kind(StrEnum):
    INT = "int"
    BOOL = "bool"
    FRACTION = "fraction"
    CHOICE = "choice"


@dataclass(frozen=True)
class Setting:
    label: str
    default: int | bool | str
    kind: Kind
    source: str
    minimum: int = 0
    choices: tuple[tuple[str, str], ...] = ()


PARTY_RECOMMENDATION = "party_recommendation"
ELECTION = "election"
AWARD = "award"
CIVILIZATION_POST = "civilization_post"

PROCESS_LABELS: dict[str, str] = {
    PARTY_RECOMMENDATION: "推优入党",
    ELECTION: "团支部换届选举",
    AWARD: "五四评优",
    CIVILIZATION_POST: "青年文明号",
}
PROCESS_CHOICES: list[tuple[str, str]] = list(PROCESS_LABELS.items())

SRC_PARTY = "中青发〔2019〕9号《共青团推优入党工作实施办法（试行）》"
SRC_ELECTION = "中青发〔2025〕1号"
SRC_AWARD = "年度五四评选表彰通知（常用比例）"
SRC_POST = "《青年文明号活动管理办法》"
SRC_SYSTEM = "本系统默认"

QUOTA_ROUNDING_CHOICES = (
    ("floor", "向下取整"),
    ("half_up", "四舍五入"),
    ("ceil", "向上取整"),
)

SHORTFALL_CHOICES = (
    ("re_elect", "对不足名额另行选举"),
    ("reduce_seats", "减少名额，不再选举"),
)


def _int(label: str, default: int, source: str, minimum: int = 0) -> Setting:
    return Setting(label, default, Kind.INT, source, minimum=minimum)


def _fraction(label: str, default: str, source: str) -> Setting:
    return Setting(label, default, Kind.FRACTION, source)


def _flag(label: str, default: bool, source: str) -> Setting:
    return Setting(label, default, Kind.BOOL, source)


DEFAULTS: dict[str, dict[str, Setting]] = {
    PARTY_RECOMMENDATION: {
        "age_min": _int("最低年龄（周岁，以推荐日计）", 18, SRC_PARTY),
        "age_max": _int("最高年龄（周岁，以推荐日计）", 28, SRC_PARTY),
        "league_years_min": _int("最短团龄（年）", 1, SRC_PARTY),
        "application_months_min": _int(
            "递交入党申请书后最短月数", 0, f"{SRC_SYSTEM}（文件仅要求已递交入党申请书）"
        ),
        "activist_years_min": _int("推荐为发展对象须任入党积极分子满（年）", 1, SRC_PARTY),
        "quota_percent": _int("每轮推荐人数占支部团员比例上限（%）", 20, SRC_PARTY, minimum=1),
        "quota_minimum": _int(
            "按比例计算不足一名时的最少名额",
            0,
            f"{SRC_SYSTEM}（文件未规定：团员 4 人 × 20% = 0.8，向下取整为 0 名；团委可设为 1）",
        ),
        "quorum_fraction": _fraction("到会人数须超过应到会人数的比例", "1/2", SRC_PARTY),
        "pass_fraction": _fraction("赞成票须超过应到会人数的比例", "1/2", SRC_PARTY),
        "publicity_working_days": _int("公示期（工作日）", 5, SRC_PARTY, minimum=1),
        "validity_years": _int("推荐结果有效期（年）", 2, SRC_PARTY, minimum=1),
        "party_branch_decides": _flag("由党支部作出决定", True, SRC_PARTY),
    },
    ELECTION: {
        "term_years": _int("团支部每届任期（年）", 3, SRC_ELECTION, minimum=1),
        "student_term_years": _int("学生团支部每届任期（年）", 1, SRC_ELECTION, minimum=1),
        "committee_min_members": _int("选举支部委员会的最少团员数", 7, SRC_ELECTION, minimum=1),
        "committee_size_min": _int("支部委员会最少委员数", 3, SRC_ELECTION, minimum=1),
        "committee_size_max": _int("支部委员会一般最多委员数", 5, SRC_ELECTION, minimum=1),
        "committee_size_hard_max": _int("支部委员会委员数上限", 7, SRC_ELECTION, minimum=1),
        "competition_ratio": _fraction("候选人数不少于应选人数的倍数（差额）", "6/5", SRC_ELECTION),
        "quorum_fraction": _fraction("到会人数须超过应到会人数的比例", "4/5", SRC_ELECTION),
        "report_days": _int("选举结果报告期限（日）", 7, SRC_ELECTION, minimum=1),
        "reply_days": _int("上级团委批复期限（日）", 30, SRC_ELECTION, minimum=1),
        "postpone_max_months": _int("延期换届最长月数", 6, SRC_ELECTION),
        "party_reviews_plan": _flag("换届请示须先经同级党组织审核", False, SRC_ELECTION),
        "remind_months": _int("任期届满前提醒换届（月）", 3, SRC_SYSTEM, minimum=1),
        "shortfall_remedy": Setting(
            "当选人数不足应选名额时的处理",
            "re_elect",
            Kind.CHOICE,
            SRC_ELECTION,
            choices=SHORTFALL_CHOICES,
        ),
    },
    AWARD: {
        "quota_percent_red_flag_branch": _int(
            "五四红旗团支部名额占团支部数比例（%）", 10, SRC_AWARD
        ),
        "quota_percent_excellent_member": _int("优秀共青团员名额占团员数比例（%）", 3, SRC_AWARD),
        "quota_percent_excellent_cadre": _int(
            "优秀共青团干部名额占团干部数比例（%）", 8, SRC_AWARD
        ),
        "quota_percent_red_flag_committee": _int(
            "五四红旗团委名额占基层团委（团总支）数比例（%）", 10, SRC_AWARD
        ),
        "quota_rounding": Setting(
            "名额计算取整方式", "floor", Kind.CHOICE, SRC_AWARD, choices=QUOTA_ROUNDING_CHOICES
        ),
        "quota_minimum": _int("按比例计算不足一名时的最少名额", 1, SRC_AWARD),
        "deeds_max_chars": _int("主要事迹字数上限", 1500, SRC_AWARD, minimum=100),
        "publicity_working_days": _int("公示期（工作日）", 5, SRC_AWARD, minimum=1),
        "shortlist_fraction": _fraction("入围须超过评委人数的比例", "1/2", SRC_AWARD),
        "score_pass_mark": _int("评分制下计为赞成的最低分（百分制）", 60, SRC_SYSTEM),
    },
    CIVILIZATION_POST: {
        "members_min": _int("集体最少人数", 6, SRC_POST, minimum=1),
        "members_max": _int("集体最多人数", 200, SRC_POST, minimum=1),
        "young_share_min": _fraction("青年（不超过规定年龄）人数最低占比", "1/2", SRC_POST),
        "young_age_max": _int("青年年龄上限（周岁）", 35, SRC_POST, minimum=1),
        "leader_age_max": _int("号长年龄上限（周岁）", 40, SRC_POST, minimum=1),
        "rectify_days": _int("复核不合格的整改期限（日）", 30, SRC_POST, minimum=1),
        "trim_extremes": _flag("评审去掉一个最高分和一个最低分", True, SRC_SYSTEM),
        "publicity_working_days": _int("公示期（工作日）", 5, SRC_POST, minimum=1),
        "peer_reviewers_max": _int(
            "每个申报集体的互检互查评审集体数（0 为同组全部）", 5, SRC_SYSTEM
        ),
        "peer_reviews_min": _int("评定所需的最少互检互查评分份数", 3, SRC_SYSTEM, minimum=1),
        "peer_review_working_days": _int("互检互查期限（工作日）", 10, SRC_SYSTEM, minimum=1),
        "outlier_points": _int("评分偏离中位数超过此分值即标记为异常", 15, SRC_SYSTEM, minimum=1),
        "pass_score": _int("认定为一星级青年文明号的最低平均分", 80, SRC_SYSTEM, minimum=1),
        "two_star_score": _int("二星级青年文明号的最低平均分", 88, SRC_SYSTEM, minimum=1),
        "three_star_score": _int("三星级青年文明号的最低平均分", 95, SRC_SYSTEM, minimum=1),
    },
}

# Same key, same meaning in every process, so one flat table serves the admin and messages.
LABELS: dict[str, str] = {
    key: setting.label for settings in DEFAULTS.values() for key, setting in settings.items()
}

# Pairs (lower, upper) that must stay ordered once a level's overrides are merged in.
ORDERED_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    PARTY_RECOMMENDATION: (("age_min", "age_max"),),
    ELECTION: (
        ("committee_size_min", "committee_size_max"),
        ("committee_size_max", "committee_size_hard_max"),
    ),
    AWARD: (),
    CIVILIZATION_POST: (
        ("members_min", "members_max"),
        ("pass_score", "two_star_score"),
        ("two_star_score", "three_star_score"),
    ),
}

_FRACTION_RE = re.compile(r"^(\d+)/([1-9]\d*)$")


def fraction_parse(value: str) -> Fraction:
    """``"4/5"`` → ``Fraction(4, 5)``; only the plain ``a/b`` form the documents use."""
    match = _FRACTION_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"“{value}”不是“a/b”形式的分数")
    return Fraction(int(match[1]), int(match[2]))


def defaults_for(process: str) -> dict[str, int | bool | str]:
    if process not in DEFAULTS:
        raise KeyError(f"未知的流程“{process}”")
    return {key: setting.default for key, setting in DEFAULTS[process].items()}


def setting_label(key: str) -> str:
    return LABELS.get(key, key)
