"""The demo 五四评优: every member's yearly record (教育评议, volunteer hours, dues), a handful of
专职团干部, last year's campaign decided with its honours, and this year's campaign open with
nominations at several steps.

Records are planned per member from ``random.Random`` seeded with the member's branch and name,
so every run plans the same values and only fills in what is missing. The campaigns are driven
only through the real services (``campaign_create``, ``campaign_open``, ``nomination_submit``,
``nomination_act``, ``ballot_cast``, ``campaign_act``); a deadline or a 公示 ends the way the
timer worker ends it, after it has been moved into the past (``clock``). A campaign that already
exists (the committee's campaign of that year) is left alone.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from workflows.awards import panel
from workflows.awards.models import (
    Campaign,
    CampaignStatus,
    Category,
    Honour,
    Judging,
    Nomination,
    NominationStatus,
)
from workflows.awards.records import eligibility_check
from workflows.awards.services import (
    campaign_act,
    campaign_create,
    campaign_open,
    nomination_act,
    nomination_submit,
)
from workflows.documents.models import IssuedDocument
from workflows.org.models import Member, MemberYear, Organization, ReviewResult, Role, Standing
from workflows.org.selectors import party_org_of, role_holder

from .clock import deadline_passes, publicity_elapses
from .steps import SeedError, step_take, who_acts
from .structure import BRANCH_BY_CODE, COMMITTEE, UNITS

User = get_user_model()
BATCH = 500

# The two campaigns: last year's (decided) and this year's (open). A campaign's ``year`` is the
# year of the 表彰; its records are those of the year before (``Campaign.review_year``).
PAST_YEAR = 2026
CURRENT_YEAR = 2027
RECORD_YEARS = (PAST_YEAR - 1, CURRENT_YEAR - 1)
DEADLINE_IN_DAYS = 21

# 专职团干部: the committee's full-time officers and the hospital 团委 secretaries.
FULL_TIME_CADRES = (
    "tw_shuji",
    "tw_fushuji",
    "yiyuan_shuji",
    "liuyuan_shuji",
    "erke_shuji",
    "feike_shuji",
)
# Members the demo nominates by name (or who may try a 自荐): an 优秀 record both years, plenty
# of volunteer hours, dues paid up. Everyone else's record is drawn.
STARS = (
    "tuanyuan",
    "jzk_ty02",
    "jikong_ty01",
    "hlb_wy02",
    "yiyuan_zuzhi1",
    "erke_zuzhi1",
    "liuyuan_zuzhi1",
)
# The panel: the committee's office holders and one branch secretary (who must recuse himself
# from his own branch's nominees).
JUDGES = ("tw_shuji", "tw_fushuji", "tw_zuzhi1", "tw_zuzhi2", "xnk_shuji")


# Member records.
@dataclass(frozen=True)
class YearRecord:
    review_result: str
    volunteer_hours: Decimal


@dataclass(frozen=True)
class RecordPlan:
    years: dict[int, YearRecord]
    dues_months: int  # dues paid through this many months from the seeding month (<0: behind)


def _hours(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 2, high * 2 + 1)) / 2


def _year_record(rng: random.Random, *, star: bool, probation: bool, last: bool) -> YearRecord:
    if star:
        return YearRecord(ReviewResult.EXCELLENT, _hours(rng, 28, 96))
    if probation:
        # 留团察看 this year; last year's review was already weak.
        result = ReviewResult.UNQUALIFIED if last else ReviewResult.BASIC
        return YearRecord(result, _hours(rng, 0, 4))
    draw = rng.random()
    if draw < 0.15:
        # Most 优秀 members serve well over 20 hours; a few fall short of the 评优 minimum.
        low = 12 if rng.random() < 0.12 else 20
        return YearRecord(ReviewResult.EXCELLENT, _hours(rng, low, 120 if low == 20 else 19))
    if draw < 0.95:
        return YearRecord(ReviewResult.QUALIFIED, _hours(rng, 0, 56))
    return YearRecord(ReviewResult.BASIC, _hours(rng, 0, 10))


def record_plan(
    *, branch: str, name: str, username: str | None, standing: str, joined: datetime.date | None
) -> RecordPlan:
    """One member's planned records, the same on every run."""
    rng = random.Random(f"awards:{branch}:{name}")
    star = username in STARS
    probation = standing == Standing.PROBATION
    years = {}
    for year in RECORD_YEARS:
        record = _year_record(rng, star=star, probation=probation, last=year == RECORD_YEARS[-1])
        if joined is None or joined.year <= year:
            years[year] = record
    draw = rng.random()
    if star:
        months = rng.choice([0, 1])
    elif draw < 0.56:
        months = 0  # paid through this month
    elif draw < 0.78:
        months = 1  # paid ahead (by the quarter or the year)
    elif draw < 0.93:
        months = -1  # last month's still to come
    else:
        months = -rng.randint(2, 6)  # behind
    return RecordPlan(years=years, dues_months=months)


def _month_start(today: datetime.date, months: int) -> datetime.date:
    return today.replace(day=1) + relativedelta(months=months)


def records_ensure(created: Counter) -> None:
    """Give every demo member the records 评优 reads, where they have none yet."""
    committee = Organization.objects.filter(name=COMMITTEE).first()
    if committee is None:
        return
    today = timezone.localdate()
    members = list(
        Member.objects.filter(branch__path__startswith=committee.path)
        .select_related("branch", "user")
        .order_by("pk")
    )
    existing = set(
        MemberYear.objects.filter(member__in=members, year__in=RECORD_YEARS).values_list(
            "member_id", "year"
        )
    )
    new_years, dues = [], []
    for member in members:
        plan = record_plan(
            branch=member.branch.name,
            name=member.name,
            username=member.user.username if member.user_id else None,
            standing=member.standing,
            joined=member.league_join_date,
        )
        new_years.extend(
            MemberYear(
                member=member,
                year=year,
                review_result=record.review_result,
                volunteer_hours=record.volunteer_hours,
            )
            for year, record in plan.years.items()
            if (member.pk, year) not in existing
        )
        if member.dues_paid_until is None:
            member.dues_paid_until = _month_start(today, plan.dues_months)
            dues.append(member)
    MemberYear.objects.bulk_create(new_years, batch_size=BATCH)
    Member.objects.bulk_update(dues, ["dues_paid_until"], batch_size=BATCH)
    full_time = Member.objects.filter(
        user__username__in=FULL_TIME_CADRES, is_full_time_cadre=False
    ).update(is_full_time_cadre=True)
    created["member_years"] += len(new_years)
    created["dues"] += len(dues)
    created["full_time_cadres"] += full_time


# Campaigns.
@dataclass(frozen=True)
class NominationSpec:
    code: str  # category code
    status: str  # the NominationStatus the nomination is driven to (before the panel)
    member: str = ""  # the nominee's username
    pick: str = ""  # or: the first eligible member of this branch (code)
    unit: str = ""  # or: this branch or unit (code), for a collective category
    by: str = ""  # the nominating secretary's username; empty: 自荐 by the nominee
    votes_for: bool = True  # past campaign: whether the panel is for the nominee


@dataclass(frozen=True)
class CampaignSpec:
    year: int
    title: str
    cutoff: datetime.date
    nominations: tuple[NominationSpec, ...]
    decided: bool  # driven through the panel, 公示, 党委审定 and 表彰决定


APPROVED = NominationStatus.COMMITTEE_APPROVED

PAST = CampaignSpec(
    year=PAST_YEAR,
    title=f"{PAST_YEAR - 1}年度五四评优",
    cutoff=datetime.date(PAST_YEAR - 1, 12, 31),
    decided=True,
    nominations=(
        # The judge from 心内科团支部 recuses himself from this one.
        NominationSpec("excellent_member", APPROVED, pick="xnk", by="xnk_shuji"),
        NominationSpec("excellent_member", APPROVED, member="jzk_ty02"),
        NominationSpec("excellent_member", APPROVED, pick="hxnk", by="hxnk_shuji"),
        NominationSpec("excellent_member", APPROVED, pick="ewk", by="ewk_shuji", votes_for=False),
        NominationSpec("excellent_cadre", APPROVED, member="yiyuan_zuzhi1", by="jzk_shuji"),
        NominationSpec("excellent_cadre", APPROVED, member="erke_zuzhi1", by="enk_shuji"),
        NominationSpec("red_flag_branch", APPROVED, unit="jzk", by="yiyuan_shuji"),
        NominationSpec("red_flag_branch", APPROVED, unit="jikong", by="jikong_shuji"),
        NominationSpec("red_flag_committee", APPROVED, unit="erke", by="erke_shuji"),
        NominationSpec("job_expert", APPROVED, pick="fsk", by="fsk_shuji"),
        NominationSpec("youth_medal", APPROVED, pick="xwk", by="xwk_shuji"),
    ),
)

CURRENT = CampaignSpec(
    year=CURRENT_YEAR,
    title=f"{CURRENT_YEAR - 1}年度五四评优",
    cutoff=datetime.date(CURRENT_YEAR - 1, 12, 31),
    decided=False,
    nominations=(
        # 自荐 in 心内科团支部, waiting for xnk_shuji. (Its 优秀共青团员 place is left for
        # tuanyuan to try.)
        NominationSpec("job_expert", NominationStatus.SUBMITTED, member="xnk_ty03"),
        NominationSpec("youth_medal", NominationStatus.SUBMITTED, member="xnk_ty06"),
        # 自荐 returned by the branch, waiting for the nominee to revise.
        NominationSpec("excellent_member", NominationStatus.RETURNED, member="hlb_wy02"),
        # In the 委团委's shared queue (tw_zuzhi1, tw_zuzhi2).
        NominationSpec("excellent_member", NominationStatus.BRANCH_APPROVED, member="jikong_ty01"),
        NominationSpec(
            "excellent_member", NominationStatus.BRANCH_APPROVED, pick="pwk", by="pwk_shuji"
        ),
        NominationSpec(
            "red_flag_branch", NominationStatus.BRANCH_APPROVED, unit="xnk", by="xnk_shuji"
        ),
        NominationSpec(
            "red_flag_committee", NominationStatus.BRANCH_APPROVED, unit="yiyuan", by="yiyuan_shuji"
        ),
        # Approved by the 委团委, waiting for the panel.
        NominationSpec("excellent_member", APPROVED, pick="enk", by="enk_shuji"),
        NominationSpec("excellent_cadre", APPROVED, member="liuyuan_zuzhi1", by="gk_shuji"),
    ),
)

CAMPAIGNS = (PAST, CURRENT)

NOTICE = (
    "各基层团委、团总支，各直属团支部：\n"
    "为纪念五四运动，表彰先进、树立典型，激励广大团员青年在卫生健康事业中建功立业，"
    "经研究，决定开展{title}工作。现将有关事项通知如下：\n"
    "一、评选项目\n"
    "五四红旗团委（团总支）、五四红旗团支部、优秀共青团员、优秀共青团干部、青年岗位能手、"
    "五四青年奖章。\n"
    "二、评选条件\n"
    "年龄、团龄和团干部任职年限计算截至 {cutoff}；团员教育评议结果和志愿服务时长以"
    " {review_year} 年度记录为准；被推荐人须按期足额交纳团费。\n"
    "三、推荐程序\n"
    "个人可向所在团支部自荐，经团支部审核后报团委；团支部、基层团委可直接推荐。"
    "各单位按分配名额推荐，不得超额。五四红旗团支部、五四红旗团委由本级或上级团组织申报。\n"
    "四、时间安排\n"
    "请于 {deadline} 前完成推荐和审核，逾期不再受理。评审委员会评审后，拟表彰对象将在全委范围内公示"
    " 5 个工作日，报委党委审定后印发表彰决定。\n"
    "五、工作要求\n"
    "各单位要坚持公开、公平、公正，严格标准、严格程序，充分发扬民主，"
    "确保评选出的先进典型可亲、可敬、可信、可学。"
)

# Opinions written at each step.
BRANCH_APPROVE = "经团支部委员会审核，该同志符合评选条件，事迹材料属实，同意推荐。"
BRANCH_RETURN = "主要事迹偏重日常工作，请补充年内志愿服务和参与青年文明号创建的具体事例后重新提交。"
COMMITTEE_APPROVE = "经团委审核，推荐程序规范、条件符合、材料齐全，同意提交评审委员会评审。"
SHORTLIST = "评审委员会按规定回避后投票、评分，按名额确定入围名单，予以公示。"
PARTY_CONFIRM = "经委党委会议研究，同意团委报送的拟表彰名单。"
DECISION = "按委党委审定意见印发表彰决定，颁发荣誉证书。"


def _deeds(spec: NominationSpec, *, member: Member | None, org: Organization | None, year: int):
    """The 主要事迹 and 奖惩情况 a nominator would write."""
    if org is not None:
        members = Member.objects.filter(branch__path__startswith=org.path, is_active=True).count()
        if spec.code == "red_flag_branch":
            return (
                f"{org.name}现有团员 {members} 名。支部坚持“三会两制一课”，按期换届，"
                "团员教育评议、团费收缴和团籍管理规范。年内组建青年志愿服务队，开展义诊、"
                "健康宣教和社区随访 20 余次；支部团员全员参与科室青年文明号创建，"
                "在急危重症救治和夜间值班中发挥青年突击队作用，推荐优秀团员入党 2 名。",
                f"{year - 2}年度院级优秀团支部",
            )
        return (
            f"{org.name}下辖团支部 {org.children.count()} 个、团员 {members} 名。团委班子健全，"
            "每季度召开团委会研究青年工作，基层团支部全部按期换届；"
            "深化“青年文明号”“青年岗位能手”创建，组织青年医务人员开展技能竞赛和下沉社区服务，"
            "建立团员志愿服务时长登记制度，推优入党工作程序规范。",
            "",
        )
    record = MemberYear.objects.filter(member=member, year=year - 1).first()
    hours = format(record.volunteer_hours.normalize(), "f") if record else "0"
    where = f"{member.department}{member.league_post}".strip() or member.branch.name
    base = f"{member.name}同志，{where}。{year - 1}年度参加志愿服务 {hours} 小时，"
    body = {
        "excellent_member": "按时交纳团费，积极参加主题团日和业务学习；在科室轮转中服从安排、"
        "吃苦在前，多次参与急危重症抢救，承担患者随访和健康宣教工作，受到患者书面表扬。",
        "excellent_cadre": "担任团干部以来，组织开展主题团日、青年志愿服务和技能竞赛，"
        "推动所在团组织规范化建设，团员教育评议和团费收缴工作按时完成，"
        "注重发现和培养青年骨干，推荐优秀团员入党。",
        "job_expert": "扎根临床一线，刻苦钻研业务，在院级青年技能竞赛中获一等奖，"
        "参与完成新技术新项目 2 项，带教规培学员，所在岗位连续三年无差错。",
        "youth_medal": "在急难险重任务中勇挑重担，参加医疗队赴基层开展巡回医疗，"
        "牵头青年科研小组发表论文，事迹被市级媒体报道，在青年医务人员中起到示范引领作用。",
    }[spec.code]
    honours = f"{year - 2}年度院级优秀共青团员" if spec.code != "excellent_member" else ""
    return base + body, honours


def _unit(code: str) -> Organization:
    branch = BRANCH_BY_CODE.get(code)
    if branch is not None:
        return Organization.objects.get(name=branch.name)
    unit = next(unit for unit in UNITS if unit.code == code)
    return Organization.objects.get(name=unit.league_name)


def _eligible_member(category: Category, code: str, taken: set[int]) -> Member:
    """The first member of a branch without a login (so not an office holder or another demo
    case's applicant) who may stand for ``category`` and is not nominated yet."""
    branch = _unit(code)
    members = branch.members.filter(is_active=True, user__isnull=True).exclude(pk__in=taken)
    for member in members.order_by("pk"):
        if not eligibility_check(category=category, member=member):
            return member
    raise SeedError(f"{branch.name}没有符合{category.name}条件的团员")


def _user(username: str):
    return User.objects.get(username=username)


def _submit(campaign: Campaign, spec: NominationSpec, taken: set[int]) -> Nomination:
    category = campaign.categories.get(code=spec.code)
    member = org = None
    if spec.unit:
        org = _unit(spec.unit)
    elif spec.member:
        member = Member.objects.select_related("branch", "user").get(user__username=spec.member)
    else:
        member = _eligible_member(category, spec.pick, taken)
    if member is not None:
        taken.add(member.pk)
    deeds, honours = _deeds(spec, member=member, org=org, year=campaign.year)
    by = _user(spec.by) if spec.by else member.user
    return nomination_submit(
        category=category, by=by, deeds=deeds, honours=honours, member=member, org=org
    )


def _step(case, name: str, action: str, opinion: str = "", data=None, pick: int = 0):
    act = campaign_act if isinstance(case, Campaign) else nomination_act
    step_take(case, name, act, action, opinion, data, pick)


def _nomination_drive(nomination: Nomination, status: str, pick: int) -> None:
    if status == NominationStatus.RETURNED:
        _step(nomination, "branch_review", "return", BRANCH_RETURN)
        return
    if nomination.status == NominationStatus.SUBMITTED and status != NominationStatus.SUBMITTED:
        _step(nomination, "branch_review", "approve", BRANCH_APPROVE)
    if status == APPROVED:
        _step(nomination, "committee_review", "approve", COMMITTEE_APPROVE, pick=pick)


def _score(judge_index: int, nomination: Nomination) -> Decimal:
    return Decimal(82 + (judge_index * 5 + nomination.pk * 3) % 14)


def _ballots(campaign: Campaign, against: set[int]) -> None:
    """Every judge casts a full ballot; a nominee in ``against`` gets one vote for at most."""
    for index, judge in enumerate(campaign.judges.order_by("pk")):
        mine, _recused = panel.ballot_sheet(campaign=campaign, user=judge)
        entries = {}
        for nomination in mine:
            approve = nomination.pk not in against or index == 0
            if nomination.category.judging == Judging.SCORE:
                entries[nomination.pk] = {"score": _score(index, nomination) if approve else 50}
            else:
                entries[nomination.pk] = {"approve": approve}
        panel.ballot_cast(campaign=campaign, by=judge, entries=entries)


def _decide(campaign: Campaign, against: set[int]) -> None:
    """The deadline passes, the panel judges, the shortlist goes on 公示, the party confirms it
    and the committee issues the 表彰决定."""
    today = timezone.localdate()
    deadline_passes(campaign, "deadline")
    if campaign.status != CampaignStatus.PANEL:
        raise SeedError(f"{campaign.title}截止后未进入评审：{campaign.get_status_display()}")
    _ballots(campaign, against)
    _step(campaign, "panel", "publish_shortlist", SHORTLIST)
    publicity_elapses(campaign)
    _step(campaign, "party_review", "confirm", PARTY_CONFIRM, {"decided_on": today.isoformat()})
    _step(campaign, "decide", "issue_decision", DECISION)


def campaign_run(spec: CampaignSpec, committee: Organization) -> Campaign | None:
    """Create, open and drive one campaign, in one transaction (its documents are rendered as
    that transaction commits). A year the committee already has a campaign for is left alone."""
    if Campaign.objects.filter(org=committee, year=spec.year).exists():
        return None
    today = timezone.localdate()
    secretary = role_holder(role=Role.SECRETARY, org=committee, on=today)
    deadline = today + datetime.timedelta(days=DEADLINE_IN_DAYS)
    with transaction.atomic():
        campaign = campaign_create(
            org=committee,
            title=spec.title,
            year=spec.year,
            cutoff_date=spec.cutoff,
            deadline=deadline,
            notice=NOTICE.format(
                title=spec.title,
                cutoff=f"{spec.cutoff.year}年{spec.cutoff.month}月{spec.cutoff.day}日",
                review_year=spec.year - 1,
                deadline=f"{deadline.year}年{deadline.month}月{deadline.day}日",
            ),
            judges=list(User.objects.filter(username__in=JUDGES)),
            by=secretary,
        )
        campaign_open(campaign=campaign, by=secretary)
        taken: set[int] = set()
        against = set()
        for number, nomination_spec in enumerate(spec.nominations):
            nomination = _submit(campaign, nomination_spec, taken)
            _nomination_drive(nomination, nomination_spec.status, pick=number)
            if nomination.status != nomination_spec.status:
                raise SeedError(
                    f"{nomination.headline}停在「{nomination.get_status_display()}」，"
                    f"预期「{NominationStatus(nomination_spec.status).label}」"
                )
            if not nomination_spec.votes_for:
                against.add(nomination.pk)
        if spec.decided:
            _decide(campaign, against)
            if campaign.status != CampaignStatus.DECIDED:
                raise SeedError(f"{campaign.title}停在「{campaign.get_status_display()}」")
    return campaign


def campaigns_seed() -> list[Campaign]:
    """Create the demo campaigns that do not exist yet: last year's first, so its honours are on
    the records when this year's nominations are checked."""
    committee = Organization.objects.get(name=COMMITTEE)
    party = party_org_of(committee)
    if (
        party is None
        or role_holder(role=Role.SECRETARY, org=party, on=timezone.localdate()) is None
    ):
        raise SeedError(f"{COMMITTEE}没有党组织书记，五四评优无人审定")
    return [campaign for spec in CAMPAIGNS if (campaign := campaign_run(spec, committee))]


# Summary.
def award_lines() -> list[str]:
    """The demo campaigns: where each stands, and whom to log in as."""
    committee = Organization.objects.filter(name=COMMITTEE).first()
    if committee is None:
        return []
    campaigns = list(Campaign.objects.filter(org=committee).order_by("year"))
    records = MemberYear.objects.filter(
        member__branch__path__startswith=committee.path, year=CURRENT_YEAR - 1
    )
    results = Counter(records.values_list("review_result", flat=True))
    full_time = Member.objects.filter(
        branch__path__startswith=committee.path, is_full_time_cadre=True
    ).count()
    lines = [
        f"  团员年度记录 {CURRENT_YEAR - 1} 年教育评议："
        + "　".join(f"{r.label} {results[r.value]}" for r in ReviewResult if results[r.value])
        + f"；专职团干部 {full_time} 人",
        f"  五四评优 {len(campaigns)} 次，荣誉记录 {Honour.objects.count()} 条，"
        f"荣誉证书 PDF {IssuedDocument.objects.filter(kind='award_certificate').count()} 份",
    ]
    for campaign in campaigns:
        statuses = Counter(campaign.nominations.values_list("status", flat=True))
        cells = "　".join(
            f"{status.label} {statuses[status.value]}"
            for status in NominationStatus
            if statuses[status.value]
        )
        extra = (
            f"，{campaign.decision_number}"
            if campaign.decision_number
            else f"，推荐截止 {campaign.deadline}"
        )
        lines.append(f"    {campaign.title}：{campaign.get_status_display()}{extra}")
        lines.append(f"      推荐 {sum(statuses.values())} 件：{cells}")
        if campaign.status == CampaignStatus.OPEN:
            lines.extend(who_acts(campaign.nominations.values("process_id")))
    return lines
