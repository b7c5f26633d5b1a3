"""The demo 青年文明号, after the commission report in the seeds: 203 collectives (科室, 班组,
窗口) of the commission's 18 units in 13 review groups of two 大组, each with its roster and a
号长 who has a login; the previous cycle's recognitions entered from the paper record; the
current cycle driven to 互检互查 (to 创建备案 in its odd year: see ``Years``); and this year's
yearly review with its first outcomes.

Collectives and rosters are planned without the database (``random.Random`` seeded with the
collective's name, people's names drawn from one pool in a fixed order) and written where they
are missing: a group by its committee and name, a collective by its name, a roster only for a
collective that has none, a recognition only for a collective without one. The cycle and the
yearly review are driven only through the real services (``cycle_create``, ``cycle_open``,
``filing_submit``, ``application_submit``, the step services, ``case_withdraw``,
``review_submit``, ``yearly_reviews_start``); a deadline ends the way the timer worker ends it,
after it has been moved into the past (``clock``). A cycle or a yearly review the committee
already has is left alone.
"""

from __future__ import annotations

import datetime
import math
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from workflows.civilization_posts import peer_review, services, yearly
from workflows.civilization_posts.models import (
    ROLE_ORDER,
    ApplicationStatus,
    Collective,
    CollectiveKind,
    CollectiveMember,
    Cycle,
    CycleStatus,
    Filing,
    FilingStatus,
    PeerReview,
    PostApplication,
    PostRole,
    Recognition,
    RecognitionStatus,
    ReviewGroup,
    Stars,
    YearlyReview,
    YearlyStatus,
)
from workflows.civilization_posts.rubric import STEP
from workflows.engine.services.cases import case_withdraw
from workflows.org.models import Organization, OrgKind, Role
from workflows.org.selectors import role_holder

from .clock import deadline_passes
from .logins import logins_create
from .people import NamePool, random_day
from .steps import SeedError, step_take, who_acts
from .structure import COMMITTEE, UNITS, Unit

User = get_user_model()
BATCH = 500

# Review groups: the seed's two 大组, numbered across both.
SHENKANG = "申康高校创评大组"  # the collectives of the hospitals with a 团委
DISTRICT = "区县创评大组"  # everyone else's
DIVISIONS = ((SHENKANG, 6), (DISTRICT, 7))
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三")
GROUPS: tuple[tuple[str, str], ...] = tuple(
    (division, f"第{numeral}小组")
    for division, numeral in zip(
        [division for division, count in DIVISIONS for _ in range(count)], NUMERALS, strict=True
    )
)

# Each unit's collectives, after the unit's name. One whose name starts with a department of
# the unit belongs to that department's 团支部, the others to the unit's league organisation.
COLLECTIVES: dict[str, str] = {
    "yiyuan": "急诊科 急诊科抢救室护理班组 护理部静脉治疗护理小组 医学检验科 "
    "医学检验科临床微生物班组 普外科 普外科胃肠外科病区护理班组 门诊部 门诊收费窗口 "
    "入院服务窗口 心血管内科 呼吸与危重症医学科 神经外科 重症医学科 产科 妇科病区护理班组 "
    "儿科 眼科 耳鼻咽喉头颈外科 放射科 超声医学科 药学部 门诊药房窗口 手术室护理班组 "
    "血液透析中心 健康管理中心",
    "liuyuan": "骨科 骨科创伤病区护理班组 神经内科 神经内科卒中单元护理班组 麻醉科 "
    "麻醉科术后恢复室班组 急诊医学科 心血管内科 内分泌代谢科 肾脏内科 泌尿外科 烧伤整形科 "
    "康复医学科 医学影像科 临床营养科 门诊服务中心 门诊挂号收费窗口 出入院结算窗口 "
    "静脉用药调配中心 消毒供应中心班组 日间手术中心 普外科",
    "erke": "儿内科 儿内科呼吸病区护理班组 新生儿科 新生儿科护理班组 儿外科 "
    "儿外科普外病区护理班组 急诊科 儿童重症监护室 小儿心血管科 小儿血液肿瘤科 小儿神经科 "
    "小儿消化科 小儿骨科 儿童保健科 发育行为儿科 小儿耳鼻喉科 儿童口腔科 检验科 药剂科 "
    "门诊预检分诊窗口 门诊挂号收费窗口 输液中心护理班组 儿童康复科 互联网医院客服班组",
    "feike": "呼吸内科 呼吸内科呼吸监护室护理班组 胸外科 胸外科一病区护理班组 放射科 "
    "放射科CT室班组 结核科 结核科耐药结核病区护理班组 肿瘤科 介入科 内镜中心 肺功能室班组 "
    "病理科 检验科 麻醉科 重症医学科 感染科 药剂科 门诊部 门诊收费窗口 呼吸康复中心 "
    "结核病门诊服务窗口",
    "zxy": "心内科 心内科导管室班组 中医科 中医科针灸推拿班组 药剂科 药剂科中药房窗口 急诊科 "
    "脾胃病科 肿瘤科 治未病中心 康复科 门诊收费窗口",
    "kq": "口腔颌面外科 口腔颌面外科病区护理班组 口腔修复科 口腔修复科技工室班组 牙体牙髓科 "
    "口腔正畸科 儿童口腔科 口腔急诊科 门诊预约挂号窗口",
    "jw": "精神科 精神科女病区护理班组 心理咨询科 心理咨询科心理援助热线班组 儿童青少年精神科 "
    "老年精神科 物质依赖科 门诊服务窗口",
    "pf": "皮肤科 皮肤科病区护理班组 医学美容科 医学美容科激光治疗班组 性病科 皮肤病理科 "
    "光医学治疗科 门诊收费窗口",
    "yb": "眼科 眼科手术室护理班组 视光中心 视光中心验光配镜窗口 儿童眼保健科 眼底病科 青光眼科 "
    "社区眼病防治班组",
    "wy": "消化内科 消化内科内镜中心班组 重症医学科 重症医学科护理班组 超声科 "
    "超声科急诊超声班组 急诊科 全科医学科 老年医学科 检验科 门诊收费窗口 住院服务窗口",
    "jiguan": "政务服务窗口 信访接待窗口 医政医管处 疾病预防控制处",
    "jikong": "急性传染病防治科 免疫规划科 艾滋病性病防治科 结核病防治科 "
    "慢性非传染性疾病防治科 病原微生物检验科 理化检验科 消毒与病媒生物防制科 卫生应急办公室 "
    "预防接种咨询窗口",
    "jijiu": "调度指挥科 120调度班组 城区第一急救分站 城区第二急救分站 城区第三急救分站 "
    "城区第四急救分站 高速公路急救分站 航空医疗救援班组 车辆管理科 急救培训科 重大活动保障班组 "
    "院前急救质控科",
    "xueye": "献血服务窗口 机采成分献血班组 人民广场献血屋 血液检测科 成分制备科 血液供应科 "
    "采血流动车班组 质量管理科",
    "jiandu": "行政许可受理窗口 医疗卫生监督科 公共场所卫生监督科 传染病防治监督科 "
    "职业卫生监督科 投诉举报受理班组",
    "xinxi": "信息系统运维班组 数据管理科 网络安全科 互联网医院监管平台班组",
    "jiankang": "健康教育科 控烟宣传班组 健康科普志愿服务队 健康热线服务窗口",
    "rencai": "人事代理服务窗口 职称评审服务科 继续医学教育科 档案管理班组",
}
WINDOW_ENDINGS = ("窗口", "献血屋")
TEAM_ENDINGS = ("班组", "小组", "分站", "队")

# Rosters: sizes by kind, and ages in the year of seeding (all pass the basic conditions then:
# at least half aged 35 or under, the 号长 40 or under).
SIZES = {
    CollectiveKind.DEPARTMENT: (12, 40),
    CollectiveKind.TEAM: (6, 20),
    CollectiveKind.WINDOW: (6, 14),
}
YOUNG_SHARE = (0.55, 0.9)
LEADER_AGES = (31, 39)
YOUNG_AGES = (23, 34)
OLDER_AGES = (36, 58)
DEPUTY_FROM = 15  # a collective this large has a 副号长
# Posts: (the young's, the older's).
HOSPITAL_POSTS = {
    CollectiveKind.DEPARTMENT: (
        ("住院医师", "护士", "护师", "技师"),
        ("主治医师", "主管护师", "主管技师"),
    ),
    CollectiveKind.TEAM: (("护士", "护师", "技师"), ("主管护师", "主管技师")),
    CollectiveKind.WINDOW: (("收费员", "挂号员", "导医"), ("药师", "收费组长")),
}
UNIT_POSTS = {
    "jiguan": (("科员", "一级科员"), ("四级主任科员", "二级主任科员")),
    "jikong": (("公卫医师", "检验技师", "疾控护士"), ("主管医师", "主管技师")),
    "jijiu": (("急救医生", "急救护士", "调度员", "驾驶员"), ("主治医师", "调度组长")),
    "xueye": (("采血护士", "献血登记员", "检验技师"), ("主管护师", "主管技师")),
    "jiandu": (("卫生监督员", "受理员"), ("主任科员", "主管医师")),
    "xinxi": (("工程师", "运维工程师", "数据分析员"), ("高级工程师",)),
    "jiankang": (("健康教育专员", "热线接线员"), ("主管医师",)),
    "rencai": (("人事专员", "档案管理员", "受理员"), ("主任科员",)),
}
LEADER_POSTS = {
    CollectiveKind.DEPARTMENT: "科室副主任",
    CollectiveKind.TEAM: "班组长",
    CollectiveKind.WINDOW: "窗口负责人",
}


@dataclass(frozen=True)
class Years:
    """The demo's years, from the day it is seeded: the current cycle starts in the last odd
    year (its 申报 and 互检互查 run when its even year has come, so in an odd year the cycle is
    seeded up to 创建备案 only); the recognitions before it come from the previous cycle; the
    yearly review is this year's."""

    today: datetime.date

    @property
    def start(self) -> int:
        return self.today.year if self.today.year % 2 else self.today.year - 1

    @property
    def reviewing(self) -> bool:
        return self.today.year == self.start + 1

    @property
    def cycle_title(self) -> str:
        return f"{self.start}—{self.start + 1}年度青年文明号创建评审"

    @property
    def past_title(self) -> str:
        return f"{self.start - 2}—{self.start - 1}年度市卫生健康委团委青年文明号"

    @property
    def past_decision(self) -> str:
        return f"卫团发〔{self.start - 1}〕12号"

    @property
    def past_recognised_on(self) -> datetime.date:
        return datetime.date(self.start - 1, 12, 18)


STAR_WEIGHTS = {1: 40, 2: 38, 3: 22}

# The current cycle.
FILED, RETURNED, REJECTED = "filed", "returned", "rejected"
QUALIFIED, WITHDRAWN = "qualified", "withdrawn"


@dataclass(frozen=True)
class Entry:
    """A collective new to the cycle: its 创建备案 and, maybe, its 申报."""

    collective: str
    by_unit: bool = False  # sent by its league organisation's secretary, else by its 号长
    filing: str = FILED  # FILED; RETURNED by the committee, revised, then filed; REJECTED
    application: str = ""  # none; QUALIFIED; RETURNED by the unit, revised, qualified; WITHDRAWN
    reviews: tuple[str | None, ...] = ()  # 互检互查 totals in assignment order; None: not yet


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "市第一人民医院医学检验科临床微生物班组",
        application=QUALIFIED,
        reviews=("97", "96", "95.5", "98", "95"),
    ),
    # One reviewer scores far below the others: the committee sees it flagged.
    Entry(
        "市第六人民医院日间手术中心",
        by_unit=True,
        application=QUALIFIED,
        reviews=("93", "91", "92.5", "74", "94"),
    ),
    Entry("市儿童医院互联网医院客服班组", filing=REJECTED),
    Entry(
        "市肺科医院呼吸康复中心",
        by_unit=True,
        filing=RETURNED,
        application=QUALIFIED,
        reviews=("84", "86", "82.5", "85", "87"),
    ),
    Entry(
        "市中西医结合医院治未病中心", application=RETURNED, reviews=("90", "88.5", "91", "89", "92")
    ),
    Entry(
        "市医疗急救中心航空医疗救援班组",
        application=QUALIFIED,
        reviews=("96", "97.5", "95", None, "96.5"),
    ),
    Entry(
        "市卫生健康信息中心互联网医院监管平台班组",
        by_unit=True,
        application=QUALIFIED,
        reviews=("76", "78.5", "74", "79", "77"),
    ),
    Entry("市口腔医院口腔急诊科", application=WITHDRAWN),
    Entry(
        "市精神卫生中心心理咨询科心理援助热线班组",
        by_unit=True,
        application=QUALIFIED,
        reviews=("81", "83", "80.5", None, "82"),
    ),
    Entry(
        "市疾病预防控制中心预防接种咨询窗口",
        application=QUALIFIED,
        reviews=("89", None, "90.5", "88", "91.5"),
    ),
    Entry("市第一人民医院健康管理中心"),  # filed, not applying this time
    Entry(
        "市血液中心机采成分献血班组",
        by_unit=True,
        application=QUALIFIED,
        reviews=("88.5", "90", "87.5", "89", "86"),
    ),
)
# Formed too recently to have been recognised, and not filing either.
NEWLY_FORMED = (
    "市第六人民医院静脉用药调配中心",
    "市健康促进中心健康科普志愿服务队",
    "市皮肤病医院光医学治疗科",
)
NOT_RECOGNISED = {entry.collective for entry in ENTRIES} | set(NEWLY_FORMED)

# This year's yearly review: these collectives' outcomes; every other one still owes its report.
YEARLY: tuple[tuple[str, str], ...] = (
    ("市第一人民医院急诊科", YearlyStatus.PASSED),
    ("市儿童医院新生儿科护理班组", YearlyStatus.PASSED),
    ("市血液中心献血服务窗口", YearlyStatus.PASSED),
    ("市疾病预防控制中心免疫规划科", YearlyStatus.PASSED),
    ("市第五人民医院门诊收费窗口", YearlyStatus.WARNED),
    ("市肺科医院放射科", YearlyStatus.DOWNGRADED),
    # Ordered to rectify; the month passes without a report, so the revocation takes effect.
    ("市卫生健康监督所投诉举报受理班组", YearlyStatus.REVOKED),
    ("市第六人民医院出入院结算窗口", YearlyStatus.RECTIFYING),
    ("市口腔医院口腔修复科", YearlyStatus.SUBMITTED),
    ("市精神卫生中心精神科女病区护理班组", YearlyStatus.SUBMITTED),
)
FIXED_STARS = {"市肺科医院放射科": 3}  # the downgrade goes from 3 to 2
DOWNGRADED_TO = 2

NOTICE = (
    "各基层团委、团总支，各直属团支部：\n"
    "为深化卫生健康行业青年文明号创建，围绕改善医疗服务、提升群众就医体验，经研究，"
    "决定开展{title}工作。现将有关事项通知如下：\n"
    "一、创建范围\n"
    "各单位青年职工占多数的科室、班组和服务窗口。集体人数 6 至 200 人，35 周岁以下青年"
    "不少于一半，号长一般由集体负责人担任，年龄不超过 40 周岁。\n"
    "二、工作安排\n"
    "{start}年为创建备案阶段，各集体报送创建规划、目标、载体、口号和岗位承诺，经单位团组织"
    "审核后报委团委备案；{review}年为申报和评审认定阶段，委团委另行印发申报通知和考核评分细则。\n"
    "三、评审方式\n"
    "全行业 203 家青年文明号集体分申康高校创评大组和区县创评大组，下设 13 个小组，"
    "以小组为单位开展互访互评和互检互查。\n"
    "四、工作要求\n"
    "各单位团组织要加强指导，把创建工作与医德医风建设、青年医学“微”人文活动结合起来，"
    "做到创建有规划、过程有台账、成效可检验。"
)
OPEN_APPLICATIONS = "创建备案已截止，现印发申报通知和考核评分细则，请已备案集体按期申报。"
START_REVIEW = "资格审查已完成，按评审小组组织互检互查，请各评审集体号长按期完成评分。"

SLOGANS = (
    "青春守护生命",
    "用心服务每一位患者",
    "把微笑带给每一位群众",
    "精益求精，守护健康",
    "青春建功，服务为先",
    "一次办好，温暖到家",
    "分秒必争，生命至上",
    "以青春之我，护万家健康",
)
TARGETS = (
    "服务对象满意度保持在 98% 以上，全年无有效投诉；青年岗位练兵全员参与，"
    "技能考核合格率 100%；每年形成创新创效案例不少于 1 项。",
    "平均候诊（等候）时间较创建前缩短 20%；青年职工年度培训不少于 40 学时；"
    "每季度开展志愿服务不少于 2 次。",
)
REVISED_TARGETS = (
    "一年内平均等候时间由 35 分钟缩短至 25 分钟以内，患者满意度不低于 98%；"
    "青年职工年度培训不少于 40 学时，技能考核合格率 100%；每年形成创新创效案例 2 项。"
)
CARRIERS = (
    "青年志愿服务岗、岗位技能练兵、青年医学“微”人文分享会、创新创效案例征集、服务流程“金点子”评选"
)
PLEDGE = (
    "文明用语、微笑服务，首问负责、一次告知；严格执行操作规程，确保服务安全；"
    "公开服务承诺，主动接受群众监督，投诉 24 小时内回应。"
)
UNIT_APPROVE = "经单位团组织审核，该集体符合创建条件，材料齐全，同意报送。"
FILING_RETURN = "创建目标偏笼统，请细化可量化的服务指标（如等候时间、满意度）后重新报送。"
FILING_RESUBMIT = "已按意见细化创建目标。"
FILING_REJECT = "该班组组建不足一年，人员尚未稳定，创建基础薄弱，本届期暂不报送备案。"
FILING_APPROVE = "创建规划、目标和岗位承诺明确，予以备案。"
APPLICATION_RETURN = "自评分偏高，“创新创效”一项缺少佐证材料，请据实调整自评分并补充后重新提交。"
APPLICATION_RESUBMIT = "已据实调整自评分，补充创新创效案例说明。"
QUALIFY = "经资格审查，该集体已在本届期备案，符合基本条件，同意参加互检互查。"
WITHDRAW_REASON = "科室年内人员调整较大，创建材料尚不完善，申请撤回，下一届期再行申报。"
REVIEW_COMMENTS = (
    (95, "创建台账完整，服务流程优化成效明显，创新案例已在院内推广，示范作用突出。"),
    (88, "创建工作规范扎实，岗位练兵和志愿服务常态化，建议进一步提炼创新创效成果。"),
    (80, "创建工作基本到位，部分活动记录不够完整，服务标准公示有待规范。"),
    (0, "创建台账缺项较多，现场检查中服务规范执行不到位，创新创效成果不明显。"),
)
YEARLY_DECISIONS = {
    YearlyStatus.PASSED: (
        "pass_review",
        "年度创建工作扎实，台账完整，基本条件保持良好，复核合格。",
    ),
    YearlyStatus.WARNED: (
        "warn",
        "年度内发生服务对象有效投诉 2 起，窗口服务规范执行不到位，给予警告，"
        "请于下一年度复核前整改到位。",
    ),
    YearlyStatus.DOWNGRADED: (
        "downgrade",
        "年度创新创效成果不足，岗位练兵覆盖面下降，星级由三星级调整为二星级。",
    ),
    YearlyStatus.RECTIFYING: (
        "revoke",
        "年度复核发现创建台账缺失，全年未开展创建活动，作出撤销称号决定，限期一个月整改。",
    ),
}
YEARLY_DECISIONS[YearlyStatus.REVOKED] = YEARLY_DECISIONS[YearlyStatus.RECTIFYING]


# The plan.
@dataclass(frozen=True)
class RosterPerson:
    name: str
    gender: str
    birth_date: datetime.date
    post: str
    role: str


@dataclass(frozen=True)
class CollectivePlan:
    name: str
    kind: str
    org: str  # the league organisation's name
    division: str
    group: str
    leader_username: str
    stars: int  # of its previous cycle's recognition; 0: not recognised
    people: tuple[RosterPerson, ...]  # the 号长 first


def collective_kind(base: str) -> str:
    if base.endswith(WINDOW_ENDINGS):
        return CollectiveKind.WINDOW
    if base.endswith(TEAM_ENDINGS):
        return CollectiveKind.TEAM
    return CollectiveKind.DEPARTMENT


def _org_name(unit: Unit, base: str) -> str:
    department = next((d for _code, d in unit.departments if base.startswith(d)), None)
    return f"{department}团支部" if department else unit.league_name


def _person(rng, names: NamePool, ages: tuple[int, int], post: str, role: str) -> RosterPerson:
    """Someone aged ``ages`` (turning the older one this year at the latest)."""
    gender = rng.choices(["女", "男"], [64, 36])[0]
    year = timezone.localdate().year
    first, last = datetime.date(year - ages[1], 1, 1), datetime.date(year - ages[0] - 1, 12, 31)
    birth = random_day(rng, first, last)
    return RosterPerson(names.draw(gender), gender, birth, post, role)


def _roster(rng, names: NamePool, unit: Unit, kind: str, base: str) -> tuple[RosterPerson, ...]:
    size = rng.randint(*SIZES[kind])
    young = min(size - 1, math.ceil(size * rng.uniform(*YOUNG_SHARE)))
    junior, senior = UNIT_POSTS.get(unit.code, HOSPITAL_POSTS[kind])
    leader_post = "护士长" if "护理" in base else LEADER_POSTS[kind]
    people = [_person(rng, names, LEADER_AGES, leader_post, PostRole.LEADER)]
    for index in range(size - 1):
        role = PostRole.DEPUTY if index == 0 and size >= DEPUTY_FROM else PostRole.MEMBER
        ages, posts = (YOUNG_AGES, junior) if index < young else (OLDER_AGES, senior)
        people.append(_person(rng, names, ages, rng.choice(posts), role))
    return tuple(people)


def _stars(rng, name: str) -> int:
    if name in NOT_RECOGNISED:
        return 0
    drawn = rng.choices(list(STAR_WEIGHTS), list(STAR_WEIGHTS.values()))[0]
    return FIXED_STARS.get(name, drawn)


def posts_plan(reserved: set[str]) -> list[CollectivePlan]:
    """Every collective, the same on every run; ``reserved`` names (the league members') are
    not drawn again. Each 大组 deals its collectives round its 小组 like cards, so every group
    mixes several units."""
    names = NamePool(random.Random("posts"), reserved)
    dealt: Counter = Counter()
    plans = []
    listed = [(unit, base) for unit in UNITS for base in COLLECTIVES[unit.code].split()]
    for number, (unit, base) in enumerate(listed, start=1):
        division = SHENKANG if unit.kind == OrgKind.LEAGUE_COMMITTEE else DISTRICT
        groups = [group for d, group in GROUPS if d == division]
        name = unit.name + base
        rng = random.Random(f"posts:{name}")
        kind = collective_kind(base)
        plans.append(
            CollectivePlan(
                name=name,
                kind=kind,
                org=_org_name(unit, base),
                division=division,
                group=groups[dealt[division] % len(groups)],
                leader_username=f"wmh{number:03d}_hz",
                stars=_stars(rng, name),
                people=_roster(rng, names, unit, kind, base),
            )
        )
        dealt[division] += 1
    return plans


# Collectives, rosters and past recognitions.
def groups_ensure(committee: Organization, created: Counter) -> dict[str, ReviewGroup]:
    groups = {group.name: group for group in ReviewGroup.objects.filter(committee=committee)}
    for order, (division, name) in enumerate(GROUPS):
        if name not in groups:
            groups[name] = ReviewGroup.objects.create(
                committee=committee, division=division, name=name, order=order
            )
            created["review_groups"] += 1
    return groups


def collectives_ensure(
    plans: list[CollectivePlan], groups: dict[str, ReviewGroup], created: Counter
) -> dict[str, Collective]:
    collectives = {c.name: c for c in Collective.objects.filter(name__in=[p.name for p in plans])}
    orgs = {org.name: org for org in Organization.objects.filter(name__in={p.org for p in plans})}
    for plan in plans:
        if plan.name not in collectives:
            collectives[plan.name] = Collective.objects.create(
                name=plan.name, kind=plan.kind, org=orgs[plan.org], group=groups[plan.group]
            )
            created["collectives"] += 1
    return collectives


def rosters_ensure(
    plans: list[CollectivePlan], collectives: dict[str, Collective], created: Counter
) -> None:
    """The planned roster of every collective that has none; each 号长 with their login."""
    staffed = set(
        CollectiveMember.objects.filter(collective__in=collectives.values()).values_list(
            "collective_id", flat=True
        )
    )
    leaders = {
        u.username: u for u in User.objects.filter(username__in=[p.leader_username for p in plans])
    }
    people = [
        CollectiveMember(
            collective=collectives[plan.name],
            name=person.name,
            gender=person.gender,
            birth_date=person.birth_date,
            post=person.post,
            role=person.role,
            role_order=ROLE_ORDER[person.role],  # bulk_create skips save(), which sets it
            user=leaders[plan.leader_username] if person.role == PostRole.LEADER else None,
        )
        for plan in plans
        if collectives[plan.name].pk not in staffed
        for person in plan.people
    ]
    CollectiveMember.objects.bulk_create(people, batch_size=BATCH)
    created["collective_people"] += len(people)


def recognitions_ensure(
    plans: list[CollectivePlan],
    collectives: dict[str, Collective],
    committee: Organization,
    secretary,
    created: Counter,
) -> None:
    """补录 the previous cycle's recognitions of the collectives that have none on record."""
    years = Years(timezone.localdate())
    held = set(
        Recognition.objects.filter(collective__in=collectives.values()).values_list(
            "collective_id", flat=True
        )
    )
    for plan in plans:
        collective = collectives[plan.name]
        if plan.stars and collective.pk not in held:
            services.recognition_import(
                collective=collective,
                title=years.past_title,
                stars=plan.stars,
                recognised_on=years.past_recognised_on,
                document_number=years.past_decision,
                by=secretary,
                awarded_by=committee,
            )
            created["recognitions"] += 1


# The cycle.
ACTS = {
    Cycle: services.cycle_act,
    Filing: services.filing_act,
    PostApplication: services.application_act,
    YearlyReview: yearly.yearly_review_act,
}


def _step(case, name: str, action: str, opinion: str = "", data=None, pick: int = 0) -> None:
    step_take(case, name, ACTS[type(case)], action, opinion, data, pick)


def _expect(case, status) -> None:
    """``status``: a member of the case's status choices."""
    if case.status != status:
        raise SeedError(
            f"{case.headline}停在「{case.get_status_display()}」，预期「{status.label}」"
        )


def _sheet(rubric, total: Decimal, rng: random.Random) -> dict[str, str]:
    """Marks on every item adding up to ``total``: what is short of full marks is taken off in
    half points, item by item at random, more often from the items worth more."""
    marks = {item.code: item.max for item in rubric.items}
    for _half in range(int((rubric.max - total) / STEP)):
        item = rng.choices(rubric.items, [float(marks[item.code]) for item in rubric.items])[0]
        marks[item.code] -= STEP
    return {code: str(mark) for code, mark in marks.items()}


def _sender(collective: Collective, entry: Entry):
    if entry.by_unit:
        return role_holder(role=Role.SECRETARY, org=collective.org, on=timezone.localdate())
    return collective.leader.user


def _file(cycle: Cycle, entry: Entry) -> Filing:
    collective = Collective.objects.get(name=entry.collective)
    rng = random.Random(f"posts:filing:{collective.name}")
    slogan = rng.choice(SLOGANS)
    filing = services.filing_submit(
        cycle=cycle,
        collective=collective,
        plan=(
            f"{collective.name}以“{slogan}”为创建主题，制定三年创建规划：第一年完善岗位规范和"
            "服务标准，建立创建台账；第二年开展岗位练兵和流程优化，形成创新创效案例；"
            "第三年总结提炼服务品牌，发挥示范带动作用。"
        ),
        targets=rng.choice(TARGETS),
        carriers=CARRIERS,
        slogan=slogan,
        pledge=PLEDGE,
        by=_sender(collective, entry),
    )
    if entry.filing == REJECTED:
        _step(filing, "unit_review", "reject", FILING_REJECT)
        _expect(filing, FilingStatus.REJECTED)
        return filing
    if filing.status == FilingStatus.SUBMITTED:
        _step(filing, "unit_review", "approve", UNIT_APPROVE)
    if entry.filing == RETURNED:
        _step(filing, "committee_file", "return", FILING_RETURN)
        _step(filing, "revise", "resubmit", FILING_RESUBMIT, {"targets": REVISED_TARGETS})
    _step(filing, "committee_file", "approve", FILING_APPROVE, pick=1)
    _expect(filing, FilingStatus.FILED)
    return filing


def _summary(collective: Collective, rng: random.Random) -> str:
    return (
        f"两年来，{collective.name}对照创建规划，完善岗位规范和服务标准 {rng.randint(6, 15)} 项，"
        f"开展岗位练兵 {rng.randint(8, 24)} 次，组织青年志愿服务 {rng.randint(10, 40)} 次、"
        f"服务群众 {rng.randint(8, 60) * 100} 人次；参加委团委青年医学“微”人文系列活动和"
        f"创新创效案例征集，形成案例 {rng.randint(1, 3)} 项，服务对象满意度 "
        f"{rng.randint(970, 995) / 10}%，创建期间无有效投诉。"
    )


def _apply(cycle: Cycle, entry: Entry, rubric) -> PostApplication:
    collective = Collective.objects.get(name=entry.collective)
    rng = random.Random(f"posts:application:{collective.name}")
    by = _sender(collective, entry)
    claimed = Decimal(rng.randrange(184, 197)) * STEP  # a self-score of 92–98
    application = services.application_submit(
        cycle=cycle,
        collective=collective,
        summary=_summary(collective, rng),
        scores=_sheet(rubric, claimed, rng),
        by=by,
    )
    if entry.application == WITHDRAWN:
        case_withdraw(case=application, by=by, reason=WITHDRAW_REASON, step="申报人撤回")
        application.refresh_from_db()
        _expect(application, ApplicationStatus.WITHDRAWN)
        return application
    if entry.application == RETURNED:
        _step(application, "unit_review", "return", APPLICATION_RETURN)
        revised = {"scores": _sheet(rubric, claimed - 4, rng)}
        _step(application, "revise", "resubmit", APPLICATION_RESUBMIT, revised)
    if application.status == ApplicationStatus.SUBMITTED:
        _step(application, "unit_review", "approve", UNIT_APPROVE)
    _step(application, "committee_check", "approve", QUALIFY)
    _expect(application, ApplicationStatus.QUALIFIED)
    return application


def _review_comment(total: Decimal) -> str:
    return next(text for floor, text in REVIEW_COMMENTS if total >= floor)


def _scores_submit(application: PostApplication, totals: tuple[str | None, ...], rubric) -> None:
    """Each assigned reviewer's sheet, in the order they were assigned; None stays missing."""
    reviews = list(
        application.peer_reviews.select_related("reviewer", "reviewer_collective").order_by("pk")
    )
    if len(reviews) != len(totals):
        raise SeedError(
            f"{application.headline}有 {len(reviews)} 个评审集体，计划 {len(totals)} 个"
        )
    for review, total in zip(reviews, totals, strict=True):
        if total is None:
            continue
        rng = random.Random(f"posts:review:{application.headline}:{review.reviewer_collective}")
        peer_review.review_submit(
            application=application,
            by=review.reviewer,
            scores=_sheet(rubric, Decimal(total), rng),
            comment=_review_comment(Decimal(total)),
        )


def _schedule(years: Years) -> tuple[datetime.date, datetime.date]:
    """Filing and application deadlines: ahead of today, the latter inside the even year."""
    today = years.today
    year_end = datetime.date(years.start + 1, 12, 31)
    if years.reviewing:
        return today, min(today + datetime.timedelta(days=60), year_end)
    return today + datetime.timedelta(days=14), datetime.date(years.start + 1, 6, 30)


def cycle_run(committee: Organization, secretary) -> Cycle:
    """The current cycle from its 创建通知 to 互检互查 (to 创建备案 in its odd year), in one
    transaction (its notices are rendered as that transaction commits)."""
    years = Years(timezone.localdate())
    filing_deadline, application_deadline = _schedule(years)
    with transaction.atomic():
        cycle = services.cycle_create(
            org=committee,
            title=years.cycle_title,
            start_year=years.start,
            filing_deadline=filing_deadline,
            application_deadline=application_deadline,
            notice=NOTICE.format(
                title=years.cycle_title, start=years.start, review=years.start + 1
            ),
            by=secretary,
        )
        services.cycle_open(cycle=cycle, by=secretary)
        for entry in ENTRIES:
            _file(cycle, entry)
        if years.reviewing:
            _review_stage(
                cycle, min(years.today + datetime.timedelta(days=21), application_deadline)
            )
    return cycle


def _review_stage(cycle: Cycle, deadline: datetime.date) -> None:
    """申报 and 互检互查 of the even year."""
    deadline_passes(cycle, "filing_deadline")
    _step(
        cycle,
        "open_applications",
        "open_applications",
        OPEN_APPLICATIONS,
        {"application_deadline": deadline.isoformat()},
    )
    rubric = cycle.rubric_version().rubric
    applications = {entry: _apply(cycle, entry, rubric) for entry in ENTRIES if entry.application}
    deadline_passes(cycle, "application_deadline")
    _step(cycle, "start_peer_review", "start_peer_review", START_REVIEW)
    _expect(cycle, CycleStatus.PEER_REVIEW)
    for entry, application in applications.items():
        application.refresh_from_db()
        if application.status == ApplicationStatus.IN_PEER_REVIEW:
            _scores_submit(application, entry.reviews, rubric)


# The yearly review.
def _report(review: YearlyReview) -> str:
    rng = random.Random(f"posts:yearly:{review.collective.name}:{review.year}")
    return (
        f"{review.year}年，{review.collective.name}坚持创建标准，全年开展岗位练兵 "
        f"{rng.randint(6, 20)} 次、青年志愿服务 {rng.randint(5, 30)} 次，更新服务规范 "
        f"{rng.randint(2, 8)} 项，服务对象满意度 {rng.randint(965, 995) / 10}%。"
        "下一步将围绕改善就医体验继续深化创建。"
    )


def _yearly_drive(review: YearlyReview, status: str, pick: int) -> None:
    _step(review, "report", "submit_yearly_report", data={"report": _report(review)})
    if status != YearlyStatus.SUBMITTED:
        action, opinion = YEARLY_DECISIONS[status]
        data = {"stars": DOWNGRADED_TO} if status == YearlyStatus.DOWNGRADED else {}
        _step(review, "review", action, opinion, data, pick=pick)
    if status == YearlyStatus.REVOKED:
        # The month to rectify passes without a report.
        deadline_passes(review, "rectify_by")
    _expect(review, status)


def yearly_run(committee: Organization, secretary) -> list[YearlyReview]:
    with transaction.atomic():
        year = timezone.localdate().year
        reviews = yearly.yearly_reviews_start(committee=committee, year=year, by=secretary)
        by_name = {review.collective.name: review for review in reviews}
        for pick, (name, status) in enumerate(YEARLY):
            _yearly_drive(by_name[name], status, pick)
    return reviews


def posts_seed(created: Counter, reserved: set[str]) -> None:
    """Create whatever of the demo 青年文明号 is missing."""
    committee = Organization.objects.get(name=COMMITTEE)
    secretary = role_holder(role=Role.SECRETARY, org=committee, on=timezone.localdate())
    plans = posts_plan(reserved)
    with transaction.atomic():
        created["users"] += logins_create({p.leader_username: p.people[0].name for p in plans})
        groups = groups_ensure(committee, created)
        collectives = collectives_ensure(plans, groups, created)
        rosters_ensure(plans, collectives, created)
        recognitions_ensure(plans, collectives, committee, secretary, created)
    years = Years(timezone.localdate())
    if not Cycle.objects.filter(org=committee, start_year=years.start).exists():
        cycle_run(committee, secretary)
        created["post_cycles"] += 1
    reviews = YearlyReview.objects.filter(year=years.today.year, recognition__awarded_by=committee)
    if not reviews.exists():
        created["yearly_reviews"] += len(yearly_run(committee, secretary))


# Summary.
def _cells(choices, counts: Counter) -> str:
    return "　".join(f"{c.label} {counts[c.value]}" for c in choices if counts[c.value])


def _cycle_lines(cycle: Cycle) -> list[str]:
    due = f"，互检互查截止 {cycle.review_due_on}" if cycle.status == CycleStatus.PEER_REVIEW else ""
    filings = Counter(cycle.filings.values_list("status", flat=True))
    applications = Counter(cycle.applications.values_list("status", flat=True))
    lines = [
        f"    {cycle.title}：{cycle.get_status_display()}{due}",
        f"      创建备案 {sum(filings.values())} 件：{_cells(FilingStatus, filings)}",
    ]
    if applications:
        lines.append(
            f"      申报 {sum(applications.values())} 件：{_cells(ApplicationStatus, applications)}"
        )
    reviews = PeerReview.objects.filter(application__cycle=cycle)
    if reviews.exists():
        missing = reviews.filter(submitted_at__isnull=True)
        waiting = sorted(set(missing.values_list("reviewer__username", flat=True)))
        lines.append(
            f"      互检互查评分 {reviews.count()} 份：已提交 {reviews.count() - missing.count()}，"
            f"待提交 {missing.count()}" + (f"（{' / '.join(waiting)}）" if waiting else "")
        )
    lines.extend(who_acts(Cycle.objects.filter(pk=cycle.pk).values("process_id")))
    return lines


def post_lines() -> list[str]:
    """The demo 青年文明号: collectives, recognitions, cycles and yearly reviews, and whom to
    log in as."""
    committee = Organization.objects.filter(name=COMMITTEE).first()
    if committee is None:
        return []
    collectives = Collective.objects.filter(org_path__startswith=committee.path)
    kinds = Counter(collectives.values_list("kind", flat=True))
    divisions = Counter(
        ReviewGroup.objects.filter(committee=committee).values_list("division", flat=True)
    )
    people = CollectiveMember.objects.filter(collective__in=collectives, is_active=True).count()
    recognitions = Recognition.objects.filter(awarded_by=committee)
    standing = recognitions.exclude(status=RecognitionStatus.REVOKED)
    lines = [
        f"  青年集体 {collectives.count()} 个（{_cells(CollectiveKind, kinds)}），"
        f"集体成员 {people} 人；评审小组 {sum(divisions.values())} 个（"
        + "，".join(f"{division} {count}" for division, count in divisions.items())
        + "）",
        f"  青年文明号称号 {recognitions.count()} 个："
        f"{_cells(RecognitionStatus, Counter(recognitions.values_list('status', flat=True)))}"
        f"（{_cells(Stars, Counter(standing.values_list('stars', flat=True)))}）",
    ]
    for cycle in Cycle.objects.filter(org=committee).order_by("start_year"):
        lines.extend(_cycle_lines(cycle))
    reviews = YearlyReview.objects.filter(recognition__awarded_by=committee)
    for year in sorted(set(reviews.values_list("year", flat=True))):
        of_year = reviews.filter(year=year)
        statuses = Counter(of_year.values_list("status", flat=True))
        lines.append(f"    {year}年度复核 {of_year.count()} 件：{_cells(YearlyStatus, statuses)}")
        decided = of_year.exclude(status=YearlyStatus.REPORTING)
        lines.extend(who_acts(decided.values("process_id")))
    return lines
