"""The demo 换届: every 团支部's current term, spread so the dashboard shows overdue, due and
later terms, and three 换届选举 cases, each at a different stage.

Only the real services write: ``term_start`` opens a term, ``election_submit`` reports a 请示 and
``election_act`` moves it on, as the pages do. The candidates are planned people of the branch
(with logins: an elected member needs one to take office), chosen without drawing from the plan's
random generator, so adding them changed no one else in the plan.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from workflows.elections.models import Election, Method, Status, Term
from workflows.elections.services import CandidateEntry, Plan, election_act, election_submit
from workflows.elections.terms import PROCESS_KEY as ELECTION
from workflows.elections.terms import term_start, term_years
from workflows.org.models import Member, Organization, Role, Standing
from workflows.org.selectors import role_holder
from workflows.rules.defaults import defaults_for, fraction_parse

from .people import Person
from .steps import SeedError, open_tasks, step_take, task_assignees
from .structure import BRANCH_BY_CODE, BRANCHES


@dataclass(frozen=True)
class ElectionSpec:
    branch: str  # branch code
    status: str  # the Status the case is driven to
    seats: int
    meeting_in_days: int  # the 团员大会 is this many days after the seeding day
    place: str


ELECTIONS: tuple[ElectionSpec, ...] = (
    # Under 市中西医结合医院团总支: the 请示 waits in the 委团委 queue (tw_zuzhi1, tw_zuzhi2).
    ElectionSpec("zyk", Status.PLAN_REVIEW, 5, 21, "市中西医结合医院行政楼二楼会议室"),
    # Approved by 市第一人民医院团委; the meeting (hlb_shuji records the vote) is still to come.
    ElectionSpec("hlb", Status.APPROVED, 3, 10, "市第一人民医院护理部示教室"),
    # Held and confirmed today: the new committee is in office, the old secretary has left.
    ElectionSpec("jijiu", Status.CONFIRMED, 5, 0, "市医疗急救中心三楼会议室"),
)

# When each branch's current term is due, as seen from the seeding day. Terms are 3 years (1 for
# a student branch), so an overdue term started 3 years and 1–5 months ago.
OVERDUE = ("jijiu", "hlb", "sjnk", "xueye", "mzk")  # due 1–5 months ago, most overdue first
DUE_SOON = ("zyk", "pwk", "xsek", "jhk", "kqxf", "mrk", "csk", "xinxi")  # due within 3 months
LATER_FROM_DAYS = 100  # the rest fall due between 100 days from now and a month short of a term

CANDIDATE_BORN = (1994, 2004)  # 团干部: young members, not the oldest or the newest
STAFF = 2  # 监票人 and 计票人 each
OFFICERS = (
    (Role.SECRETARY, "主持团支部全面工作"),
    (Role.DEPUTY_SECRETARY, "协助书记工作，负责青年志愿服务"),
    (Role.ORGANIZATION_MEMBER, "负责团员教育管理、团费收缴和推优入党"),
    (Role.COMMITTEE_MEMBER, "宣传委员，负责思想引领和宣传工作"),
    (Role.COMMITTEE_MEMBER, "文体委员，负责文体活动和青年文明号创建"),
)

AGENDA = (
    "（一）听取和审议上一届团支部委员会工作报告\n"
    "（二）通过选举办法和监票人、计票人名单\n"
    "（三）无记名投票，差额选举新一届团支部委员会\n"
    "（四）召开新一届团支部委员会第一次会议，确定书记、副书记和委员分工"
)
PLAN_APPROVE = (
    "经团委研究，同意你支部召开团员大会进行换届选举，同意委员名额和候选人预备人选。"
    "请严格按照选举办法组织投票，选举结果及时报团委审批。"
)
VOTE_RECORDED = "按选举办法进行无记名投票，监票人、计票人当场计票，当场宣布选举结果。"
OFFICERS_SET = "新一届团支部委员会第一次会议确定书记、副书记人选和委员分工。"
REPORT = "现将团支部换届选举结果报上，请予批复。"
RESULT_APPROVE = "经团委研究，同意选举结果和委员分工，新一届团支部委员会自即日起任职。"


@dataclass(frozen=True)
class ElectionPlan:
    spec: ElectionSpec
    candidates: tuple[str, ...]  # member names; the first is the secretary-to-be
    scrutineers: tuple[str, ...]
    tellers: tuple[str, ...]


def candidates_needed(seats: int) -> int:
    """差额: candidates ≥ seats × the default competition ratio, rounded up."""
    ratio = fraction_parse(defaults_for(ELECTION)["competition_ratio"])
    return math.ceil(seats * ratio)


def people_needed(spec: ElectionSpec) -> int:
    """Members the plan must give the branch besides its office holders and absentees."""
    return candidates_needed(spec.seats) + 2 * STAFF


def election_plan(spec: ElectionSpec, fill: list[Person]) -> ElectionPlan:
    """Pick the candidates and vote counters among a branch's ordinary members (``fill``, in
    plan order), and give each candidate a login: ``{branch}_wy01``, ``{branch}_wy02``…"""
    usable = [p for p in fill if p.standing == Standing.GOOD and not p.username]
    posted = [p for p in usable if p.league_post]  # the sitting 组织委员 and 宣传委员
    young = [
        p
        for p in usable
        if not p.league_post and CANDIDATE_BORN[0] <= p.birth_date.year <= CANDIDATE_BORN[1]
    ]
    rest = [p for p in usable if p not in posted and p not in young]
    candidates = [*posted, *young, *rest][: candidates_needed(spec.seats)]
    staff = [p for p in usable if p not in candidates][: 2 * STAFF]
    if len(staff) < 2 * STAFF:
        raise SeedError(f"{BRANCH_BY_CODE[spec.branch].name}人数不足，无法安排换届选举")
    for number, person in enumerate(candidates, start=1):
        person.username = f"{spec.branch}_wy{number:02d}"
    return ElectionPlan(
        spec=spec,
        candidates=tuple(p.name for p in candidates),
        scrutineers=tuple(p.name for p in staff[:STAFF]),
        tellers=tuple(p.name for p in staff[STAFF:]),
    )


# Terms.
def _weekday(day: datetime.date) -> datetime.date:
    """A Saturday or Sunday moves back to the Friday: a term begins on its election's day, and
    elections are held on working days."""
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


def due_in_days(code: str, years: int) -> int:
    """Days from the seeding day to the day branch ``code``'s current term is due."""
    if code in OVERDUE:
        return -(35 + 28 * (len(OVERDUE) - 1 - OVERDUE.index(code)))
    if code in DUE_SOON:
        return 7 + 11 * DUE_SOON.index(code)
    later = [b.code for b in BRANCHES if b.code not in OVERDUE and b.code not in DUE_SOON]
    last = years * 365 - 30  # due when a term that began a month ago is (1-year terms fit too)
    return LATER_FROM_DAYS + (last - LATER_FROM_DAYS) * later.index(code) // max(1, len(later) - 1)


def term_starts_on(code: str, years: int, today: datetime.date) -> datetime.date:
    due = today + datetime.timedelta(days=due_in_days(code, years))
    return _weekday(due - relativedelta(years=years))


def terms_ensure(orgs: dict[str, Organization]) -> int:
    """Open a current term for every branch that has none; returns how many were opened."""
    today = timezone.localdate()
    with_term = set(Term.objects.filter(ended_on__isnull=True).values_list("branch_id", flat=True))
    opened = 0
    for branch in BRANCHES:
        org = orgs[branch.name]
        if org.pk in with_term:
            continue
        years = term_years(branch=org, on=today)
        term_start(
            branch=org,
            starts_on=term_starts_on(branch.code, years, today),
            election=None,
            by=None,
        )
        opened += 1
    return opened


# Elections.
def meeting_count(*, present: int, seats: int, candidates: int) -> tuple[int, list[int]]:
    """A realistic count: (void ballots, 赞成 per candidate in candidate order).

    The first ``seats`` candidates are elected, each with more than half of those present; the
    rest fall short. Votes never exceed the valid ballots × seats, so every valid ballot marks at
    most ``seats`` names; one ballot marking too many names is void in a larger meeting.
    """
    void = 1 if present >= 12 else 0
    valid = present - void
    need = present // 2 + 1  # 赞成 must be more than half of those present
    spread = max(0, valid - 1 - need)
    winners = [valid - 1 - spread * i // (2 * seats) for i in range(seats)]
    losers = candidates - seats
    if not losers:
        return void, winners
    slack = valid * seats - sum(winners)
    each = min(need - 1, slack // losers, max(1, present // 4))
    return void, winners + [max(0, each - i) for i in range(losers)]


def _resume(member: Member) -> str:
    born, joined = member.birth_date, member.league_join_date
    post = f"，任团支部{member.league_post}" if member.league_post else ""
    return (
        f"{member.name}，{member.gender}，{member.ethnicity}，{born.year}年{born.month}月生，"
        f"{member.education}，{joined.year}年{joined.month}月入团。现在{member.department}工作"
        f"{post}。"
    )


def _members(branch: Organization, names: tuple[str, ...]) -> list[Member]:
    by_name = {m.name: m for m in Member.objects.filter(branch=branch, name__in=names)}
    return [by_name[name] for name in names]


def _step(election: Election, name: str, action: str, opinion: str = "", data=None) -> None:
    step_take(election, name, election_act, action, opinion, data)


def _round_data(election: Election, plan: ElectionPlan) -> dict:
    """Everyone votes but a few absentees (never more than the quorum allows)."""
    voters = list(
        election.org.members.filter(is_active=True, standing=Standing.GOOD)
        .order_by("pk")
        .values_list("pk", "name")
    )
    busy = {*plan.candidates, *plan.scrutineers, *plan.tellers}
    absent_count = min(len(voters) // 10, math.ceil(len(voters) / 5) - 1)
    spare = [pk for pk, name in voters if name not in busy]
    absent = set(spare[len(spare) - absent_count :]) if absent_count else set()
    attended = [pk for pk, _name in voters if pk not in absent]
    candidates = list(election.candidates.order_by("order"))
    void, votes = meeting_count(
        present=len(attended), seats=election.seats, candidates=len(candidates)
    )
    return {
        "meeting_date": timezone.localdate(),
        "attended": attended,
        "issued": len(attended),
        "returned": len(attended),
        "void": void,
        "votes": {c.pk: n for c, n in zip(candidates, votes, strict=True)},
    }


def _officers(election: Election) -> list[dict]:
    elected = election.candidates.filter(elected=True).order_by("order")
    return [
        {"member": candidate.member_id, "role": role, "duty": duty}
        for candidate, (role, duty) in zip(elected, OFFICERS, strict=False)
    ]


def _to_approved(election: Election, plan: ElectionPlan) -> None:
    _step(election, "plan_review", "approve", PLAN_APPROVE)


def _to_confirmed(election: Election, plan: ElectionPlan) -> None:
    _to_approved(election, plan)
    _step(election, "meeting", "record_round", VOTE_RECORDED, _round_data(election, plan))
    if election.status != Status.ELECTED:
        raise SeedError(f"{election.org}换届选举计票未通过：{election.rounds.last().summary}")
    _step(
        election,
        "first_committee_meeting",
        "assign_officers",
        OFFICERS_SET,
        {"officers": _officers(election)},
    )
    _step(election, "report", "submit_report", REPORT)
    _step(election, "result_review", "approve", RESULT_APPROVE)


DRIVES = {
    Status.PLAN_REVIEW: lambda election, plan: None,
    Status.APPROVED: _to_approved,
    Status.CONFIRMED: _to_confirmed,
}


def election_run(plan: ElectionPlan) -> Election | None:
    """Report one branch's 请示 as its secretary and drive it to its planned status, in one
    transaction (its documents are rendered as that transaction commits). A branch that already
    has an election is left alone."""
    spec = plan.spec
    branch = Organization.objects.get(name=BRANCH_BY_CODE[spec.branch].name)
    if Election.objects.filter(org=branch).exists():
        return None
    today = timezone.localdate()
    with transaction.atomic():
        candidates = _members(branch, plan.candidates)
        election = election_submit(
            branch=branch,
            plan=Plan(
                meeting_date=today + datetime.timedelta(days=spec.meeting_in_days),
                place=spec.place,
                agenda=AGENDA,
                seats=spec.seats,
                method=Method.DIRECT,
                candidates=[CandidateEntry(member=m, resume=_resume(m)) for m in candidates],
                scrutineers=_members(branch, plan.scrutineers),
                tellers=_members(branch, plan.tellers),
            ),
            by=role_holder(role=Role.SECRETARY, org=branch, on=today),
        )
        DRIVES[spec.status](election, plan)
        if election.status != spec.status:
            raise SeedError(
                f"{branch.name}的换届选举停在「{election.get_status_display()}」，"
                f"预期「{Status(spec.status).label}」"
            )
    return election


def elections_seed(plans: list[ElectionPlan]) -> list[Election]:
    """Create the demo elections that do not exist yet."""
    return [election for plan in plans if (election := election_run(plan)) is not None]


# Summary.
def _who_acts(election: Election) -> str:
    task = open_tasks([election.process_id]).select_related("owner").first()
    if task is None:
        return ""
    return " / ".join(user.username for user in task_assignees(task)) + " 办理"


def election_lines() -> list[str]:
    """One line per demo election: where it stands and whom to log in as."""
    lines = []
    today = timezone.localdate()
    names = [BRANCH_BY_CODE[spec.branch].name for spec in ELECTIONS]
    for election in Election.objects.filter(org__name__in=names).select_related("org"):
        if election.status == Status.CONFIRMED:
            secretary = role_holder(role=Role.SECRETARY, org=election.org, on=today)
            who = f"新任书记 {secretary.username}" if secretary else ""
        else:
            who = _who_acts(election)
        lines.append(
            f"    {election.org.name}：{election.get_status_display()}"
            + (f"（{who}）" if who else "")
        )
    return lines
