"""Writing the demo plan: every row is looked up by its natural key first (organisation name,
username, member name within a branch, appointment user + unit + role, a branch's open term), so a
second run writes nothing. The cases are created once: if the demo rounds exist, they are left
alone; so is a branch that already has a 换届选举, a year the committee already has a
五四评优 for, and its 青年文明号 cycle and yearly review once they exist. Members' yearly records
(教育评议, volunteer hours, dues) are only filled in where missing, and so are the collectives'
rosters and recognitions."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from workflows.documents.models import DocumentFailure, IssuedDocument
from workflows.elections.models import Election, Term
from workflows.elections.models import Status as ElectionStatus
from workflows.org.models import (
    Appointment,
    Member,
    Organization,
    OrgKind,
    Standing,
    Substitute,
)
from workflows.party_recommendation.models import Application, Round, Status
from workflows.rules.selectors import rules_resolve

from .awards import award_lines, campaigns_seed, records_ensure
from .cases import cases_seed
from .civilization import post_lines, posts_seed
from .elections import election_lines, elections_seed, terms_ensure
from .logins import logins_create
from .plan import APPOINTED_ON, MEMBERS_DEFAULT, Plan, plan_build
from .structure import BRANCH_BY_CODE, BRANCHES, COMMISSION_PARTY, COMMITTEE, COMMITTEE_MARK, UNITS

User = get_user_model()
ADMIN = "admin"
ADMIN_NAME = "系统管理员"
SUBSTITUTE = ("xnk_shuji", "xnk_fushuji", "外出进修期间，由团支部副书记代为办理审批事项")
BATCH = 500
REGISTRATION_FORM = "tuiyou_form"


@dataclass
class SeedResult:
    created: Counter = field(default_factory=Counter)
    cases_skipped: bool = False


def organisations_ensure(result: SeedResult) -> dict[str, Organization]:
    def ensure(name: str, kind: str, **fields) -> Organization:
        org = Organization.objects.filter(name=name).order_by("pk").first()
        if org is None:
            org = Organization.objects.create(name=name, kind=kind, **fields)
            result.created["organisations"] += 1
        return org

    party_root = ensure(COMMISSION_PARTY, OrgKind.PARTY_COMMITTEE, short_name="委党委")
    committee = ensure(
        COMMITTEE,
        OrgKind.LEAGUE_COMMITTEE,
        short_name="委团委",
        parent=party_root,
        party_org=party_root,
        issuer_mark=COMMITTEE_MARK,
    )
    for unit in UNITS:
        party_unit = ensure(
            unit.party_name,
            OrgKind.PARTY_COMMITTEE if unit.departments else OrgKind.PARTY_BRANCH,
            parent=party_root,
        )
        league_unit = ensure(
            unit.league_name,
            unit.kind,
            parent=committee,
            party_org=party_unit,
            issuer_mark=unit.issuer_mark
            or (BRANCH_BY_CODE[unit.code].issuer_mark if unit.kind == OrgKind.BRANCH else ""),
        )
        for code, department in unit.departments:
            party_branch = ensure(f"{department}党支部", OrgKind.PARTY_BRANCH, parent=party_unit)
            ensure(
                f"{department}团支部",
                OrgKind.BRANCH,
                parent=league_unit,
                party_org=party_branch,
                issuer_mark=BRANCH_BY_CODE[code].issuer_mark,
            )
    orgs = {org.name: org for org in party_root.subtree()}
    issuer_marks_ensure(orgs, result)
    return orgs


def issuer_marks_ensure(orgs: dict[str, Organization], result: SeedResult) -> None:
    """Every 团支部 needs a 发文机关代字 for its 换届请示: fill in the ones a run before the marks
    were planned created without one (a mark set by hand stays)."""
    for branch in BRANCHES:
        org = orgs[branch.name]
        if not org.issuer_mark:
            org.issuer_mark = branch.issuer_mark
            org.save(update_fields=["issuer_mark"])
            result.created["issuer_marks"] += 1


def users_ensure(plan: Plan, result: SeedResult) -> dict[str, object]:
    wanted = {person.username: person.name for person in plan.people if person.username}
    wanted[ADMIN] = ADMIN_NAME
    result.created["users"] += logins_create(wanted, superuser=ADMIN)
    return {user.username: user for user in User.objects.filter(username__in=wanted)}


def members_ensure(
    plan: Plan, orgs: dict[str, Organization], users: dict, result: SeedResult
) -> None:
    branch_ids = {orgs[person.branch].pk for person in plan.members}
    existing = set(Member.objects.filter(branch_id__in=branch_ids).values_list("branch_id", "name"))
    new = [
        Member(
            user=users.get(person.username) if person.username else None,
            name=person.name,
            gender=person.gender,
            birth_date=person.birth_date,
            ethnicity=person.ethnicity,
            league_join_date=person.league_join_date,
            education=person.education,
            department=person.department,
            league_post=person.league_post,
            party_application_date=person.party_application_date,
            party_progress=person.party_progress,
            activist_since=person.activist_since,
            id_number=person.id_number,
            phone=person.phone,
            branch=orgs[person.branch],
            standing=person.standing,
        )
        for person in plan.members
        if (orgs[person.branch].pk, person.name) not in existing
    ]
    Member.objects.bulk_create(new, batch_size=BATCH)
    result.created["members"] += len(new)
    # A member seeded before the plan gave them a login (a 换届 candidate) is linked to it now.
    logins = {
        (orgs[person.branch].pk, person.name): users[person.username]
        for person in plan.members
        if person.username
    }
    unlinked = Member.objects.filter(
        branch_id__in=branch_ids, user__isnull=True, name__in={name for _pk, name in logins}
    )
    for member in unlinked:
        user = logins.get((member.branch_id, member.name))
        if user is not None:
            member.user = user
            member.save(update_fields=["user"])
            result.created["member_logins"] += 1


def appointments_ensure(
    plan: Plan, orgs: dict[str, Organization], users: dict, result: SeedResult
) -> None:
    existing = set(
        Appointment.objects.filter(user__in=users.values()).values_list("user_id", "org_id", "role")
    )
    new = [
        Appointment(
            user=users[office.username],
            org=orgs[office.org],
            role=office.role,
            start_date=APPOINTED_ON,
        )
        for office in plan.offices
        if (users[office.username].pk, orgs[office.org].pk, office.role) not in existing
    ]
    Appointment.objects.bulk_create(new, batch_size=BATCH)
    result.created["appointments"] += len(new)


def substitute_ensure(users: dict, result: SeedResult) -> None:
    principal, substitute, reason = SUBSTITUTE
    if Substitute.objects.filter(principal=users[principal], substitute=users[substitute]).exists():
        return
    today = timezone.localdate()
    Substitute.objects.create(
        principal=users[principal],
        substitute=users[substitute],
        start_date=today,
        end_date=today + datetime.timedelta(days=30),
        reason=reason,
    )
    result.created["substitutes"] += 1


def seed(*, members: int = MEMBERS_DEFAULT) -> SeedResult:
    """Create whatever of the demo data is missing. Idempotent."""
    result = SeedResult()
    plan = plan_build(members)
    with transaction.atomic():
        orgs = organisations_ensure(result)
        users = users_ensure(plan, result)
        members_ensure(plan, orgs, users, result)
        appointments_ensure(plan, orgs, users, result)
        substitute_ensure(users, result)
        result.created["terms"] += terms_ensure(orgs)
        records_ensure(result.created)
    # No outer transaction from here on: each case commits on its own, and the registration
    # forms its recommendation schedules are rendered as that commit happens (so are the 换届
    # documents of each election).
    applications = cases_seed(plan.cases)
    result.created["cases"] += len(applications)
    result.cases_skipped = not applications
    result.created["elections"] += len(elections_seed(plan.elections))
    # Last year's 五四评优 is decided before this year's opens: its honours bar repeat nominees.
    result.created["campaigns"] += len(campaigns_seed())
    posts_seed(result.created, reserved={person.name for person in plan.people})
    return result


def summary_lines(result: SeedResult | None = None) -> list[str]:
    party_root = Organization.objects.filter(name=COMMISSION_PARTY).first()
    committee = Organization.objects.filter(name=COMMITTEE).first()
    if party_root is None or committee is None:
        return ["尚无演示数据：请先运行 manage.py seed_demo"]
    kinds = Counter(party_root.subtree().values_list("kind", flat=True))
    direct = Counter(committee.children.values_list("kind", flat=True))
    members = Member.objects.filter(branch__path__startswith=party_root.path)
    probation = members.filter(standing=Standing.PROBATION).count()
    statuses = Counter(Application.objects.values_list("status", flat=True))
    forms = IssuedDocument.objects.filter(kind=REGISTRATION_FORM).count()
    failures = DocumentFailure.objects.filter(
        kind=REGISTRATION_FORM, resolved_at__isnull=True
    ).count()

    def count(kind: str, counter: Counter = kinds) -> str:
        return f"{OrgKind(kind).label} {counter[kind]}"

    lines = [
        f"演示数据：{COMMISSION_PARTY} → {COMMITTEE}",
        "  组织："
        + "，".join(count(k) for k in OrgKind.values)
        + "（委团委直属："
        + "，".join(
            count(k, direct)
            for k in (OrgKind.LEAGUE_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)
        )
        + "）",
        f"  团员：{members.count()} 人（留团察看 {probation} 人），"
        f"账号 {User.objects.count()} 个，任职 {Appointment.objects.count()} 项",
        f"  推优批次 {Round.objects.count()} 个，推优案件 {sum(statuses.values())} 件：",
    ]
    cells = [f"{status.label} {statuses[status.value]}" for status in Status]
    for start in range(0, len(cells), 4):
        lines.append("    " + "　".join(cells[start : start + 4]))
    lines.append(
        f"  推优登记表 PDF {forms} 份" + (f"，生成失败待重试 {failures} 份" if failures else "")
    )
    lines.extend(_term_lines(committee))
    lines.extend(award_lines())
    lines.extend(post_lines())
    if result is not None:
        labels = {
            "organisations": "组织",
            "issuer_marks": "发文机关代字",
            "users": "账号",
            "members": "团员",
            "member_logins": "团员关联账号",
            "appointments": "任职",
            "substitutes": "代理人",
            "terms": "任期",
            "cases": "推优案件",
            "elections": "换届选举",
            "member_years": "团员年度记录",
            "dues": "团费缴纳记录",
            "full_time_cadres": "专职团干部",
            "campaigns": "五四评优",
            "review_groups": "评审小组",
            "collectives": "青年集体",
            "collective_people": "集体成员",
            "recognitions": "青年文明号称号（补录）",
            "post_cycles": "青年文明号届期",
            "yearly_reviews": "青年文明号年度复核",
        }
        made = "，".join(f"{labels[k]} {v}" for k, v in result.created.items() if v)
        lines.append(f"本次新建：{made or '无（演示数据已齐全）'}")
        if result.cases_skipped:
            lines.append("推优批次已存在，未重复创建案件")
    return lines


def _term_lines(committee: Organization) -> list[str]:
    """The 换届 dashboard in three numbers, and the demo elections."""
    today = timezone.localdate()
    notice = rules_resolve(process="election", org=committee, on=today).int("remind_months")
    soon = today + relativedelta(months=notice)
    terms = Term.objects.filter(ended_on__isnull=True, branch__path__startswith=committee.path)
    overdue = terms.filter(due_on__lt=today).count()
    due = terms.filter(due_on__gte=today, due_on__lte=soon).count()
    statuses = Counter(
        Election.objects.filter(org__path__startswith=committee.path).values_list(
            "status", flat=True
        )
    )
    elections = "　".join(
        f"{status.label} {statuses[status.value]}"
        for status in ElectionStatus
        if statuses[status.value]
    )
    documents = IssuedDocument.objects.filter(kind__startswith="election_").count()
    return [
        f"  团支部任期：已逾期 {overdue} 个，{notice} 个月内届满 {due} 个，"
        f"其余 {terms.count() - overdue - due} 个",
        f"  换届选举 {sum(statuses.values())} 件" + (f"：{elections}" if elections else ""),
        f"  换届公文 PDF {documents} 份",
        *election_lines(),
    ]
