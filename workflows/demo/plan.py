"""The whole demo data set as plain data, planned without touching the database.

Planning draws from ``random.Random(2026)`` in a fixed order and against fixed dates, so every run
(on any day, on any database) plans the same people with the same names: ``seed_demo`` then only
writes what it does not find.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from workflows.org.models import OrgKind, PartyProgress, Role, Standing
from workflows.party_recommendation.models import Track

from . import people
from .cases import CASES, ROUND_BY_BRANCH, CasePlan
from .elections import ELECTIONS, ElectionPlan, election_plan, people_needed
from .logins import BY_USERNAME, DEMO_LOGINS, MEMBER
from .people import NamePool, Person, person_new, random_day
from .structure import (
    BRANCHES,
    COMMISSION_PARTY,
    COMMITTEE,
    COMMITTEE_CODE,
    UNITS,
    Branch,
    host_branch,
)

SEED = 2026
MEMBERS_DEFAULT = 1000
APPOINTED_ON = datetime.date(2024, 1, 1)
# The branches with rounds are sized so the 20% quota leaves room for their cases.
FIXED_SIZES = {"xnk": 60, "jzk": 45, "jikong": 36}
PROBATION_ELSEWHERE = 4


@dataclass(frozen=True)
class Office:
    """A dated appointment; ``host`` is the branch code where the holder is a member, if any."""

    username: str
    org: str
    role: str
    post: str = ""
    host: str | None = None


@dataclass
class Plan:
    people: list[Person]
    offices: list[Office]
    cases: list[CasePlan]
    elections: list[ElectionPlan]

    @property
    def members(self) -> list[Person]:
        return [person for person in self.people if person.branch]


_COMMITTEE_ROLES = (
    ("shuji", Role.SECRETARY, "书记"),
    ("fushuji", Role.DEPUTY_SECRETARY, "副书记"),
    ("zuzhi1", Role.ORGANIZATION_MEMBER, "组织委员"),
    ("zuzhi2", Role.ORGANIZATION_MEMBER, "组织委员"),
)


def offices_list() -> list[Office]:
    """Every office in every unit: league officers are members of a branch, party ones are not."""
    offices = [
        Office(f"{COMMITTEE_CODE}_{suffix}", COMMITTEE, role, f"团委{label}", "jiguan")
        for suffix, role, label in _COMMITTEE_ROLES
    ]
    offices.append(Office("shenji", COMMITTEE, Role.AUDITOR))
    for unit in UNITS:
        host = host_branch(unit.code).code
        if unit.kind == OrgKind.LEAGUE_COMMITTEE:
            offices.extend(
                Office(f"{unit.code}_{suffix}", unit.league_name, role, f"团委{label}", host)
                for suffix, role, label in _COMMITTEE_ROLES
            )
        elif unit.kind == OrgKind.GENERAL_BRANCH:
            offices.append(
                Office(f"{unit.code}_shuji", unit.league_name, Role.SECRETARY, "团总支书记", host)
            )
    for branch in BRANCHES:
        offices.append(
            Office(f"{branch.code}_shuji", branch.name, Role.SECRETARY, "团支部书记", branch.code)
        )
        if branch.code == "xnk":
            offices.append(
                Office("xnk_fushuji", branch.name, Role.DEPUTY_SECRETARY, "团支部副书记", "xnk")
            )
    offices.append(Office("dw_shuji", COMMISSION_PARTY, Role.SECRETARY))
    offices.extend(
        Office(f"{unit.code}_dangwei", unit.party_name, Role.SECRETARY)
        for unit in UNITS
        if unit.departments
    )
    offices.extend(
        Office(f"{branch.code}_dangzhishu", branch.party_name, Role.SECRETARY)
        for branch in BRANCHES
    )
    return offices


def _sizes(rng: random.Random, total: int, minimum: dict[str, int]) -> dict[str, int]:
    """Members per branch: fixed for the branches with rounds, the rest shared by weight."""
    sizes = {code: max(size, minimum[code]) for code, size in FIXED_SIZES.items()}
    others = [branch.code for branch in BRANCHES if branch.code not in FIXED_SIZES]
    weights = {code: rng.uniform(0.5, 1.6) for code in others}
    remaining = max(0, total - sum(sizes.values()))
    scale = remaining / sum(weights.values())
    exact = {code: weights[code] * scale for code in others}
    for code in others:
        sizes[code] = int(exact[code])
    # Hand out what rounding down left over, largest remainders first.
    leftover = remaining - sum(sizes[code] for code in others)
    for code in sorted(others, key=lambda c: exact[c] - int(exact[c]), reverse=True)[:leftover]:
        sizes[code] += 1
    return {code: max(size, minimum[code]) for code, size in sizes.items()}


def _eligible(rng: random.Random, person: Person, track: str) -> None:
    """Make a case's applicant eligible for ``track`` on any 推荐日 in 2026–2027."""
    birth_18 = person.birth_date + relativedelta(years=18)
    if track == Track.ACTIVIST:
        person.party_application_date = random_day(
            rng, max(birth_18, datetime.date(2023, 1, 1)), datetime.date(2025, 6, 30)
        )
        person.party_progress = PartyProgress.APPLICANT
    else:
        person.party_application_date = random_day(
            rng, max(birth_18, datetime.date(2021, 3, 1)), datetime.date(2022, 12, 31)
        )
        person.party_progress = PartyProgress.ACTIVIST
        person.activist_since = person.party_application_date + datetime.timedelta(
            days=rng.randint(180, 540)
        )


def _applicant(rng, names, branch: Branch, track: str, name: str | None) -> Person:
    born = (2000, 2004) if track == Track.ACTIVIST else (1999, 2003)
    person = person_new(
        rng, names, branch=branch.name, department=branch.department, born=born, name=name
    )
    _eligible(rng, person, track)
    return person


_DUTIES = (
    "在{dept}工作期间认真履行岗位职责，积极参加科室业务学习和技能培训",
    "坚持参加“三会两制一课”和主题团日活动，按时交纳团费",
    "参加医院志愿服务队，年内累计志愿服务{hours}小时",
    "参与{dept}青年文明号创建，承担患者随访和健康宣教工作",
    "在急危重症抢救和夜间值班中服从安排、吃苦在前",
)


def _statement(rng: random.Random, person: Person, track: str) -> str:
    applied = person.party_application_date
    duties = rng.sample(_DUTIES, 2)
    hours = rng.randrange(40, 200, 4)
    body = "；".join(d.format(dept=person.department, hours=hours) for d in duties)
    if track == Track.ACTIVIST:
        wish = "恳请团组织推荐本人为入党积极分子人选，接受党组织的培养和考察。"
    else:
        wish = (
            f"{person.activist_since.year}年确定为入党积极分子以来，按时向党组织汇报思想，"
            "恳请团组织推荐本人为发展对象人选。"
        )
    return f"本人于{applied.year}年{applied.month}月递交入党申请书。{body}。{wish}"


def plan_build(members: int = MEMBERS_DEFAULT) -> Plan:
    rng = random.Random(SEED)
    reserved = {login.name for login in DEMO_LOGINS} | {s.name for s in CASES if s.name}
    names = NamePool(rng, reserved)
    offices = offices_list()

    hosted: dict[str, list[Office]] = {}
    for office in offices:
        if office.host:
            hosted.setdefault(office.host, []).append(office)
    case_specs: dict[str, list] = {}
    for order, spec in enumerate(CASES):
        case_specs.setdefault(spec.branch, []).append((order, spec))
    case_usernames = {spec.username for spec in CASES if spec.username}
    demo_members: dict[str, list] = {}
    for login in DEMO_LOGINS:
        if login.role == MEMBER and login.username not in case_usernames:
            code = next(b.code for b in BRANCHES if b.name == login.org)
            demo_members.setdefault(code, []).append(login)

    election_people = {spec.branch: people_needed(spec) for spec in ELECTIONS}
    minimum = {
        b.code: len(hosted.get(b.code, []))
        + len(case_specs.get(b.code, []))
        + len(demo_members.get(b.code, []))
        + election_people.get(b.code, 0)
        + 3
        for b in BRANCHES
    }
    sizes = _sizes(rng, members, minimum)

    planned: list[Person] = []
    case_plans: list[tuple[int, CasePlan]] = []
    fillers: dict[str, list[Person]] = {}
    for branch in BRANCHES:
        in_branch: list[Person] = []
        for office in hosted.get(branch.code, []):
            login = BY_USERNAME.get(office.username)
            person = person_new(
                rng,
                names,
                branch=branch.name,
                department=branch.department,
                born=(1990, 1998),
                name=login.name if login else None,
            )
            person.username = office.username
            person.league_post = office.post
            if rng.random() < 0.5:
                people.party_application_add(rng, person, datetime.date(2025, 6, 30))
            in_branch.append(person)
        for number, (order, spec) in enumerate(case_specs.get(branch.code, []), start=1):
            track = ROUND_BY_BRANCH[branch.code].track
            login = BY_USERNAME.get(spec.username or "")
            person = _applicant(rng, names, branch, track, spec.name or (login and login.name))
            person.username = spec.username or f"{branch.code}_ty{number:02d}"
            case_plans.append(
                (
                    order,
                    CasePlan(spec, person.name, person.username, _statement(rng, person, track)),
                )
            )
            in_branch.append(person)
        for login in demo_members.get(branch.code, []):
            person = _applicant(rng, names, branch, Track.ACTIVIST, login.name)
            person.username = login.username
            in_branch.append(person)
        fill = []
        while len(in_branch) + len(fill) < sizes[branch.code]:
            old = rng.random() < 0.12
            person = person_new(
                rng,
                names,
                branch=branch.name,
                department=branch.department,
                born=(1988, 1995) if old else (1996, 2007),
            )
            if rng.random() < 0.3:
                people.party_application_add(rng, person, datetime.date(2025, 10, 31))
                if rng.random() < 0.35:
                    people.activist_add(rng, person, datetime.date(2025, 12, 31))
            fill.append(person)
        if len(in_branch) + len(fill) >= 7 and len(fill) >= 2:
            for person, post in zip(rng.sample(fill, 2), ("组织委员", "宣传委员"), strict=True):
                person.league_post = post
        fillers[branch.code] = fill
        planned.extend(in_branch + fill)

    # 留团察看: one in the demo branch (ineligible, and not a voter), a few elsewhere.
    candidates = [p for p in fillers["xnk"] if not p.league_post]
    if candidates:
        rng.choice(candidates).standing = Standing.PROBATION
    elsewhere = [p for code, fill in fillers.items() if code != "xnk" for p in fill]
    for person in rng.sample(elsewhere, min(PROBATION_ELSEWHERE, len(elsewhere))):
        person.standing = Standing.PROBATION

    # 换届 candidates and vote counters, picked (not drawn) among the branch's ordinary members.
    elections = [election_plan(spec, fillers[spec.branch]) for spec in ELECTIONS]

    # Office holders outside the league: party secretaries and the auditor.
    for office in offices:
        if office.host:
            continue
        login = BY_USERNAME.get(office.username)
        gender = rng.choice(["男", "女"])
        person = Person(
            name=names.reserve(login.name) if login else names.draw(gender),
            gender=gender,
            birth_date=random_day(rng, datetime.date(1968, 1, 1), datetime.date(1988, 12, 31)),
            username=office.username,
        )
        planned.append(person)
    # Cases are created in the order CASES lists them (the demo branch's first).
    cases = [plan for _order, plan in sorted(case_plans, key=lambda item: item[0])]
    return Plan(people=planned, offices=offices, cases=cases, elections=elections)
