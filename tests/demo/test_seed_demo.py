"""manage.py seed_demo: the commission's tree, ~1000 members, 推优 cases in every status, every
branch's term, three 换届选举 at different stages, members' yearly records, last year's 五四评优
decided and this year's open, 203 青年文明号 collectives with the current cycle at 互检互查 (at
创建备案 in its odd year) and this year's yearly review under way, and a second run that
changes nothing.

Seeding drives two dozen cases through the real flow, so it runs once (twice, for idempotency)
and the checks below share that data.
"""

from collections import Counter
from fractions import Fraction
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader
from viewflow.workflow.models import Task

from workflows.audit.models import AuditEvent
from workflows.awards.models import (
    Ballot,
    Campaign,
    CampaignStatus,
    Category,
    Honour,
    NominatedBy,
    Nomination,
    NominationStatus,
)
from workflows.awards.records import eligibility_check
from workflows.civilization_posts import peer_review
from workflows.civilization_posts.models import (
    ApplicationStatus,
    Collective,
    CollectiveKind,
    CollectiveMember,
    Cycle,
    CycleStatus,
    EventKind,
    Filing,
    FilingStatus,
    PeerReview,
    PostApplication,
    Recognition,
    RecognitionEvent,
    RecognitionStatus,
    ReviewGroup,
    YearlyReview,
    YearlyStatus,
)
from workflows.civilization_posts.records import collective_problems
from workflows.demo.awards import JUDGES, record_plan
from workflows.demo.civilization import Years
from workflows.demo.elections import meeting_count
from workflows.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from workflows.demo.structure import UNITS
from workflows.documents.models import IssuedDocument
from workflows.elections.ballot import BallotCount, CountRules, count_outcome
from workflows.elections.models import BallotRound, Candidate, Election, Officer, Term
from workflows.elections.models import Status as ElectionStatus
from workflows.engine.models import Decision, Notification, Opinion, Publicity
from workflows.org.identity import id_check_digit
from workflows.org.models import (
    Appointment,
    Member,
    MemberYear,
    Organization,
    OrgKind,
    ReviewResult,
    Role,
    Standing,
    Substitute,
)
from workflows.org.selectors import party_org_of, role_holder
from workflows.party_recommendation.conditions import eligibility_problems_of
from workflows.party_recommendation.models import Application, Round, Status
from workflows.rules.selectors import rules_resolve

User = get_user_model()
OPEN = ["NEW", "ASSIGNED", "STARTED"]


def test_id_check_digit_follows_gb_11643():
    assert id_check_digit("11010519491231002") == "X"
    assert id_check_digit("44052418800101001") == "4"


@pytest.mark.parametrize("seats", [3, 5])
@pytest.mark.parametrize("extra", [1, 2])
def test_meeting_count_elects_the_first_candidates(seats, extra):
    for present in range(8, 80):
        void, votes = meeting_count(present=present, seats=seats, candidates=seats + extra)
        count = BallotCount(
            should_attend=present + present // 10,
            present=present,
            issued=present,
            returned=present,
            void=void,
            seats=seats,
            votes=dict(enumerate(votes)),
        )
        outcome = count_outcome(count, CountRules(quorum=Fraction(4, 5)))
        assert outcome.problems == [], (present, votes)
        assert outcome.elected == list(range(seats)), (present, votes)
        assert sum(votes) <= (present - void) * seats


def _seed(capture) -> str:
    out = StringIO()
    # The registration forms are rendered on commit: inside the test's transaction, on exit.
    with capture(execute=True):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    models = (
        Organization,
        User,
        Member,
        Appointment,
        Substitute,
        Round,
        Application,
        Publicity,
        Task,
        Notification,
        IssuedDocument,
        AuditEvent,
        Term,
        Election,
        Candidate,
        BallotRound,
        Officer,
        MemberYear,
        Campaign,
        Category,
        Nomination,
        Ballot,
        Honour,
        ReviewGroup,
        Collective,
        CollectiveMember,
        Recognition,
        RecognitionEvent,
        Cycle,
        Filing,
        PostApplication,
        PeerReview,
        YearlyReview,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_seed_demo(django_capture_on_commit_callbacks):
    first = _seed(django_capture_on_commit_callbacks)
    counts = _counts()
    second = _seed(django_capture_on_commit_callbacks)

    assert _counts() == counts, "the second run created or removed rows"
    assert "本次新建：无" in second

    _check_tree()
    _check_terms()
    _check_elections(first)
    _check_members()
    _check_cases()
    _check_non_bmp_name()
    _check_demo_inboxes()
    _check_member_records()
    _check_past_campaign(first)
    _check_current_campaign(first)
    _check_collectives()
    _check_post_cycle(first)
    _check_yearly_reviews(first)
    _check_logins(first)


def _check_tree():
    committee = Organization.objects.get(name="市卫生健康委团委")
    assert committee.kind == OrgKind.LEAGUE_COMMITTEE and committee.issuer_mark == "卫团"
    assert committee.parent.name == "市卫生健康委党委"
    direct = list(committee.children.values_list("kind", flat=True))
    assert direct.count(OrgKind.LEAGUE_COMMITTEE) == 4
    assert direct.count(OrgKind.GENERAL_BRANCH) == 6
    assert direct.count(OrgKind.BRANCH) == 8
    for unit in committee.children.exclude(kind=OrgKind.BRANCH):
        assert 2 <= unit.children.filter(kind=OrgKind.BRANCH).count() <= 4, unit
    for branch in committee.subtree().filter(kind=OrgKind.BRANCH):
        assert branch.party_org.kind == OrgKind.PARTY_BRANCH, branch
        assert Appointment.objects.filter(org=branch, role=Role.SECRETARY).exists(), branch
        assert Appointment.objects.filter(org=branch.party_org, role=Role.SECRETARY).exists()
    for unit in committee.children.exclude(kind=OrgKind.BRANCH):
        assert Appointment.objects.filter(org=unit, role=Role.SECRETARY).exists(), unit
    for hospital in [committee, *committee.children.filter(kind=OrgKind.LEAGUE_COMMITTEE)]:
        roles = list(Appointment.objects.filter(org=hospital).values_list("role", flat=True))
        assert roles.count(Role.ORGANIZATION_MEMBER) == 2, hospital
        assert Role.DEPUTY_SECRETARY in roles, hospital
    # Only the committee elected today took office since; everyone else was appointed in 2024.
    elected = Election.objects.filter(status=ElectionStatus.CONFIRMED).values("org")
    assert (
        not Appointment.objects.exclude(start_date="2024-01-01").exclude(org__in=elected).exists()
    )


def _check_terms():
    today = timezone.localdate()
    committee = Organization.objects.get(name="市卫生健康委团委")
    branches = committee.subtree().filter(kind=OrgKind.BRANCH)
    marks = [mark for mark in committee.subtree().values_list("issuer_mark", flat=True) if mark]
    assert len(marks) == len(set(marks)), "issuer marks repeat"
    assert Organization.objects.get(name="急诊科团支部").issuer_mark == "急诊团支"
    elected = set(
        Election.objects.filter(status=ElectionStatus.CONFIRMED).values_list("org", flat=True)
    )
    states = {"overdue": 0, "due_soon": 0, "later": 0}
    for branch in branches:
        assert branch.issuer_mark.endswith("团支") and len(branch.issuer_mark) <= 6, branch
        term = Term.objects.get(branch=branch, ended_on__isnull=True)
        assert term.years == (1 if branch.is_student else 3), branch
        # A committee elected at seeding took office that day, weekend or not.
        if branch.pk in elected:
            assert term.starts_on == today, term
        else:
            assert term.starts_on <= today and term.starts_on.weekday() < 5, term
        if term.due_on < today:
            states["overdue"] += 1
        elif term.due_on <= today + relativedelta(months=3):
            states["due_soon"] += 1
        else:
            states["later"] += 1
    assert 3 <= states["overdue"] <= 6, states
    assert 5 <= states["due_soon"] <= 10, states
    assert states["later"] >= branches.count() // 2, states


def _check_elections(output: str):
    today = timezone.localdate()
    statuses = sorted(Election.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [ElectionStatus.PLAN_REVIEW, ElectionStatus.APPROVED, ElectionStatus.CONFIRMED]
    )
    for election in Election.objects.all():
        assert election.request_number.startswith(election.org.issuer_mark + "发〔")
        assert election.term.branch_id == election.org_id
        assert election.candidates.count() > election.seats
        assert IssuedDocument.objects.filter(
            kind="election_request", subject_id=election.pk, size__gt=0
        ).exists()
        assert election.org.name in output

    waiting = Election.objects.get(status=ElectionStatus.PLAN_REVIEW)
    task = Task.objects.get(process_id=waiting.process_id, status__in=OPEN, flow_task_type="HUMAN")
    committee = Organization.objects.get(name="市卫生健康委团委")
    assert task.owner_id is None and task.owner_permission_obj_pk == str(committee.pk)

    approved = Election.objects.get(status=ElectionStatus.APPROVED)
    assert approved.meeting_date > today and approved.plan_reply_number
    task = Task.objects.get(process_id=approved.process_id, status__in=OPEN, flow_task_type="HUMAN")
    assert task.flow_task.name == "meeting"
    assert task.owner == role_holder(role=Role.SECRETARY, org=approved.org, on=today)

    confirmed = Election.objects.get(status=ElectionStatus.CONFIRMED)
    branch = confirmed.org
    assert confirmed.held_on == confirmed.approved_on == today
    assert confirmed.result_reply_number and confirmed.report_number
    round_ = confirmed.rounds.get()
    assert round_.outcome == "elected" and round_.present * 5 > round_.should_attend * 4
    valid = round_.returned - round_.void
    votes = list(round_.votes.values_list("votes", flat=True))
    assert sum(votes) <= valid * confirmed.seats and max(votes) <= valid
    elected = confirmed.candidates.filter(elected=True)
    assert elected.count() == confirmed.seats
    assert all(c.votes * 2 > round_.present for c in elected)
    secretary = role_holder(role=Role.SECRETARY, org=branch, on=today)
    officer = confirmed.officers.get(role=Role.SECRETARY)
    assert secretary == officer.candidate.member.user and officer.candidate.elected
    assert secretary.check_password(DEMO_PASSWORD) and secretary.username in output
    old = Appointment.objects.get(org=branch, role=Role.SECRETARY, user__username="jijiu_shuji")
    assert old.end_date == today - timezone.timedelta(days=1)
    new_term = Term.objects.get(branch=branch, ended_on__isnull=True)
    assert new_term.starts_on == today and new_term.election == confirmed
    assert confirmed.term.ended_on == today and confirmed.term.due_on < today
    assert IssuedDocument.objects.filter(
        kind="election_result_reply", subject_id=confirmed.pk, size__gt=0
    ).exists()


def _check_members():
    members = Member.objects.all()
    assert 950 <= members.count() <= 1050
    assert members.filter(standing=Standing.PROBATION).exists()
    assert members.exclude(ethnicity="汉族").exists()
    assert members.exclude(league_post="").exists()
    applied = members.exclude(party_application_date=None).count() / members.count()
    assert 0.2 <= applied <= 0.45
    born = sorted(member.birth_date.year for member in members)
    assert born[len(born) // 2] in range(1996, 2008) and born[0] < 1996
    assert len({member.name for member in members}) == members.count()
    for member in members[:300]:
        number = member.id_number
        assert len(number) == 18 and number.startswith("310101"), number
        assert number[6:14] == member.birth_date.strftime("%Y%m%d")
        assert number[17] == id_check_digit(number[:17])
        assert int(number[16]) % 2 == (member.gender == "男")
        assert member.phone.startswith("13") and len(member.phone) == 11


def test_record_plan_is_the_same_every_run():
    born = timezone.datetime(2001, 5, 4).date()
    kwargs = {"branch": "心内科团支部", "name": "林晓雯", "standing": Standing.GOOD, "joined": born}
    assert record_plan(username=None, **kwargs) == record_plan(username=None, **kwargs)
    star = record_plan(username="tuanyuan", **kwargs)
    assert {r.review_result for r in star.years.values()} == {ReviewResult.EXCELLENT}
    assert all(r.volunteer_hours >= 20 for r in star.years.values())
    assert star.dues_months >= 0
    late = record_plan(username=None, **{**kwargs, "joined": born.replace(year=2026)})
    assert list(late.years) == [2026]


def _check_cases():
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    issued = Application.objects.filter(
        status__in=[Status.RECOMMENDED, Status.ACCEPTED, Status.DECLINED]
    )
    assert issued.count() >= 3
    for application in issued:
        assert IssuedDocument.objects.filter(
            kind="tuiyou_form", subject_id=application.pk, size__gt=0
        ).exists(), application


def _check_non_bmp_name():
    member = Member.objects.get(name="吉𠮷")
    assert len(member.name) == 2
    application = Application.objects.get(subject=member)
    assert application.status == Status.RECOMMENDED
    document = IssuedDocument.objects.get(kind="tuiyou_form", subject_id=application.pk)
    with document.file.open("rb") as pdf:
        assert "吉𠮷" in PdfReader(pdf).pages[0].extract_text()


def _inbox(username):
    return Task.objects.filter(owner__username=username, status__in=OPEN, flow_task_type="HUMAN")


def _check_demo_inboxes():
    assert _inbox("xnk_shuji").count() >= 3
    assert _inbox("tw_shuji").count() >= 2
    assert _inbox("xnk_dangzhishu").exists()
    assert _inbox("shenqingren").get().flow_task.name == "revise"
    committee = Organization.objects.get(name="市卫生健康委团委")
    queue = Task.objects.filter(
        owner__isnull=True, owner_permission_obj_pk=committee.pk, status__in=OPEN
    )
    assert queue.exists()

    tuanyuan = Member.objects.get(user__username="tuanyuan")
    assert not Application.objects.filter(subject=tuanyuan).exists()
    open_round = Round.objects.get(branch=tuanyuan.branch, is_open=True)
    assert open_round.meeting_date == timezone.localdate()
    probe = Application(subject=tuanyuan, round=open_round, track=open_round.track)
    probe.rules_snapshot = Application.objects.filter(round=open_round).first().rules_snapshot
    assert eligibility_problems_of(probe) == []
    assert tuanyuan.branch.members.count() >= 30
    assert party_org_of(tuanyuan.branch).name == "心内科党支部"
    assert Substitute.objects.filter(
        principal__username="xnk_shuji", substitute__username="xnk_fushuji"
    ).exists()
    assert Appointment.objects.filter(user__username="shenji", role=Role.AUDITOR).exists()


def _check_member_records():
    today = timezone.localdate()
    members = Member.objects.all()
    for year in (2025, 2026):
        records = MemberYear.objects.filter(year=year)
        assert records.count() >= members.count() * 0.95, year
        results = {r: records.filter(review_result=r).count() for r in ReviewResult.values}
        assert results[ReviewResult.QUALIFIED] > records.count() * 0.7, results
        assert 0.1 <= results[ReviewResult.EXCELLENT] / records.count() <= 0.2, results
        assert 0 < results[ReviewResult.BASIC] < records.count() * 0.1, results
        assert records.filter(volunteer_hours__gt=20).exists()
    assert not members.filter(dues_paid_until=None).exists()
    current = members.filter(
        dues_paid_until__gte=today.replace(day=1) - relativedelta(months=1),
        dues_paid_until__lte=today + relativedelta(months=1),
    ).count()
    assert current > members.count() * 0.85
    assert members.filter(dues_paid_until__lt=today - relativedelta(months=2)).exists()
    assert 3 <= members.filter(is_full_time_cadre=True).count() <= 10
    assert Member.objects.get(user__username="tw_shuji").is_full_time_cadre


def _check_past_campaign(output: str):
    committee = Organization.objects.get(name="市卫生健康委团委")
    campaign = Campaign.objects.get(org=committee, year=2026)
    assert campaign.title == "2025年度五四评优" and campaign.status == CampaignStatus.DECIDED
    assert campaign.notice_number and campaign.decision_number and campaign.confirmed_on
    assert campaign.decision_number in output
    awarded = campaign.nominations.filter(status=NominationStatus.AWARDED)
    assert awarded.count() >= 8
    assert campaign.nominations.filter(status=NominationStatus.NOT_SHORTLISTED).exists()
    assert set(awarded.values_list("category__code", flat=True)) == set(
        campaign.categories.values_list("code", flat=True)
    )
    assert Honour.objects.count() == awarded.count()
    for nomination in awarded:
        honour = nomination.honour
        assert honour.year == 2026 and honour.document_number == campaign.decision_number
        assert IssuedDocument.objects.filter(
            kind="award_certificate", subject_id=nomination.pk, size__gt=0
        ).exists(), nomination
        # Awarded nominations have reached the end of their flow.
        assert not Task.objects.filter(process_id=nomination.process_id, status__in=OPEN).exists()
    for kind in ("award_notice", "award_decision"):
        assert IssuedDocument.objects.filter(kind=kind, subject_id=campaign.pk, size__gt=0).exists()
    assert not Task.objects.filter(process_id=campaign.process_id, status__in=OPEN).exists()
    # Every judge voted; the branch secretary on the panel sat out his own branch's nominee.
    judge = User.objects.get(username="xnk_shuji")
    assert set(campaign.judges.values_list("username", flat=True)) == set(JUDGES)
    own = campaign.nominations.get(org__name="心内科团支部")
    assert not Ballot.objects.filter(nomination=own, judge=judge).exists()
    assert own.judges_counted == len(JUDGES) - 1
    assert Ballot.objects.filter(nomination__campaign=campaign, judge=judge).exists()
    assert Publicity.objects.for_case(campaign).get().closed_at is not None


def _check_current_campaign(output: str):
    today = timezone.localdate()
    committee = Organization.objects.get(name="市卫生健康委团委")
    campaign = Campaign.objects.get(org=committee, year=2027)
    assert campaign.title == "2026年度五四评优" and campaign.status == CampaignStatus.OPEN
    assert campaign.accepts_nominations and campaign.notice_number
    assert campaign.cutoff_date == timezone.datetime(2026, 12, 31).date()
    assert 14 <= (campaign.deadline - today).days <= 28
    assert set(campaign.judges.values_list("username", flat=True)) == set(JUDGES)
    assert IssuedDocument.objects.filter(
        kind="award_notice", subject_id=campaign.pk, size__gt=0
    ).exists()
    assert campaign.title in output
    nominations = campaign.nominations.all()
    statuses = set(nominations.values_list("status", flat=True))
    assert {
        NominationStatus.SUBMITTED,
        NominationStatus.BRANCH_APPROVED,
        NominationStatus.RETURNED,
        NominationStatus.COMMITTEE_APPROVED,
    } <= statuses
    assert nominations.filter(
        category__code="red_flag_branch", status=NominationStatus.BRANCH_APPROVED
    ).exists()
    # 自荐 waiting for the demo branch's secretary.
    branch_review = _inbox("xnk_shuji").filter(
        process_id__in=nominations.filter(nominated_by=NominatedBy.SELF).values("process_id")
    )
    assert branch_review.count() >= 2
    assert {task.flow_task.name for task in branch_review} == {"branch_review"}
    # The 委团委's shared queue, which tw_zuzhi1 and tw_zuzhi2 work from.
    queue = Task.objects.filter(
        process_id__in=nominations.values("process_id"),
        owner__isnull=True,
        owner_permission="role:organization_member",
        owner_permission_obj_pk=str(committee.pk),
        status__in=OPEN,
    )
    assert queue.count() >= 3
    assert {task.flow_task.name for task in queue} == {"committee_review"}
    # Last year's honours bar repeat nominees; tuanyuan may still nominate herself.
    jzk = Organization.objects.get(name="急诊科团支部")
    red_flag = campaign.categories.get(code="red_flag_branch")
    assert any("已获评" in problem for problem in eligibility_check(category=red_flag, org=jzk))
    tuanyuan = Member.objects.get(user__username="tuanyuan")
    excellent = campaign.categories.get(code="excellent_member")
    assert eligibility_check(category=excellent, member=tuanyuan) == []
    assert not nominations.filter(category=excellent, quota_unit=tuanyuan.branch).exists()
    # The 党委审定 goes to the committee's party organisation, which has a secretary.
    party = party_org_of(committee)
    assert role_holder(role=Role.SECRETARY, org=party, on=today).username == "dw_shuji"


def _check_logins(output: str):
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert user.first_name == login.name
        assert login.username in output
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="tw_zuzhi2").check_password(DEMO_PASSWORD)
    assert User.objects.get(username="yiyuan_zuzhi1").check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in output


RETURN = Decision.RETURN  # the opinion, and the status a revised case has left
# The 青年文明号 logins the README names.
PENDING_REVIEWER = "wmh179_hz"  # 号长 of 市血液中心机采成分献血班组
RECTIFYING_LEADER = "wmh044_hz"  # 号长 of 市第六人民医院出入院结算窗口


def _check_collectives():
    today = timezone.localdate()
    committee = Organization.objects.get(name="市卫生健康委团委")
    groups = ReviewGroup.objects.filter(committee=committee).order_by("order")
    assert Counter(groups.values_list("division", flat=True)) == {
        "申康高校创评大组": 6,
        "区县创评大组": 7,
    }
    names = [group.name for group in groups]
    assert names[0] == "第一小组" and names[6] == "第七小组" and names[-1] == "第十三小组"
    collectives = list(Collective.objects.select_related("org", "group"))
    assert len(collectives) == 203
    assert {c.kind for c in collectives} == set(CollectiveKind.values)
    sizes = Counter(c.group.name for c in collectives)
    assert set(sizes.values()) == {15, 16}, sizes
    # Every collective under one of the 18 units, in its 大组, with a roster that passes.
    units = {unit.name: unit for unit in UNITS}
    rules = rules_resolve(process="civilization_post", org=committee, on=today)
    for collective in collectives:
        assert collective.org_path.startswith(committee.path) and collective.org != committee
        unit = next(units[name] for name in units if collective.name.startswith(name))
        division = "申康高校创评大组" if unit.kind == OrgKind.LEAGUE_COMMITTEE else "区县创评大组"
        assert collective.group.division == division, collective
        assert 6 <= len(collective.roster()) <= 40, collective
        assert collective_problems(collective=collective, on=today, rules=rules) == []
        assert collective.leader.user.username.startswith("wmh"), collective
    attached = {
        "市第一人民医院急诊科": "急诊科团支部",
        "市儿童医院新生儿科护理班组": "新生儿科团支部",
        "市第一人民医院门诊收费窗口": "市第一人民医院团委",
        "市血液中心献血服务窗口": "市血液中心团支部",
    }
    for name, org in attached.items():
        assert Collective.objects.get(name=name).org.name == org
    people = CollectiveMember.objects.all()
    assert 203 * 6 < people.count() < 203 * 40
    assert people.filter(role="leader", user__isnull=False).count() == 203
    leader = User.objects.get(username="wmh001_hz")
    assert leader.check_password(DEMO_PASSWORD)
    assert leader.first_name == Collective.objects.get(name="市第一人民医院急诊科").leader.name
    # The previous cycle's recognitions, entered from the paper record.
    years = Years(today)
    recognitions = Recognition.objects.filter(awarded_by=committee)
    assert 180 <= recognitions.count() < 203
    assert set(recognitions.values_list("stars", flat=True)) == {1, 2, 3}
    assert set(recognitions.values_list("document_number", "recognised_on", "title")) == {
        (years.past_decision, years.past_recognised_on, years.past_title)
    }
    events = RecognitionEvent.objects.filter(kind=EventKind.RECOGNISED)
    assert events.count() == recognitions.count()
    assert all(note.startswith("补录") for note in events.values_list("note", flat=True))


def _check_post_cycle(output: str):
    committee = Organization.objects.get(name="市卫生健康委团委")
    years = Years(timezone.localdate())
    cycle = Cycle.objects.get(org=committee, start_year=years.start)
    assert cycle.title == years.cycle_title and cycle.title in output
    assert IssuedDocument.objects.filter(
        kind="post_notice", subject_id=cycle.pk, size__gt=0
    ).exists()
    filings = cycle.filings.all()
    assert Counter(filings.values_list("status", flat=True)) == {
        FilingStatus.FILED: 11,
        FilingStatus.REJECTED: 1,
    }
    assert {True, False} == set(filings.values_list("by_unit", flat=True))
    if not years.reviewing:
        # The odd year of the cycle: 创建备案 only, its 申报 waits for next year.
        assert cycle.status == CycleStatus.FILING and not cycle.applications.exists()
        return
    assert cycle.status == CycleStatus.PEER_REVIEW and cycle.review_due_on > timezone.localdate()
    assert IssuedDocument.objects.filter(
        kind="post_application_notice", subject_id=cycle.pk, size__gt=0
    ).exists()
    applications = cycle.applications.all()
    assert Counter(applications.values_list("status", flat=True)) == {
        ApplicationStatus.IN_PEER_REVIEW: 9,
        ApplicationStatus.WITHDRAWN: 1,
    }
    # New collectives: none held a 青年文明号 before.
    assert not Recognition.objects.filter(collective__filings__cycle=cycle).exists()
    for cases in (filings, applications):
        returned = [c for c in cases if Opinion.objects.for_case(c).filter(decision=RETURN)]
        assert len(returned) == 1 and returned[0].status != RETURN, returned
    # 互检互查: every star level and a below-pass mean, one outlier, a few sheets missing.
    results = peer_review.cycle_results(cycle=cycle)
    assert {result.suggested for result in results} == {0, 1, 2, 3}
    assert sum(line.outlier for result in results for line in result.lines) == 1
    missing = peer_review.reviews_missing(cycle=cycle)
    assert 1 <= len(missing) <= 5
    waiting = PeerReview.objects.filter(reviewer__username=PENDING_REVIEWER, submitted_at=None)
    assert waiting.exists() and PENDING_REVIEWER in output
    for review in PeerReview.objects.filter(application__cycle=cycle).exclude(submitted_at=None):
        assert review.comment and sum(map(float, review.scores.values())) == float(review.total)
    task = Task.objects.get(process_id=cycle.process_id, status__in=OPEN, flow_task_type="HUMAN")
    assert task.flow_task.name == "assessment" and task.owner.username == "tw_shuji"


def _check_yearly_reviews(output: str):
    today = timezone.localdate()
    committee = Organization.objects.get(name="市卫生健康委团委")
    reviews = YearlyReview.objects.filter(year=today.year, recognition__awarded_by=committee)
    assert reviews.count() == Recognition.objects.filter(awarded_by=committee).count()
    statuses = Counter(reviews.values_list("status", flat=True))
    assert statuses[YearlyStatus.PASSED] >= 3 and statuses[YearlyStatus.SUBMITTED] >= 1
    for status in (YearlyStatus.WARNED, YearlyStatus.DOWNGRADED, YearlyStatus.REVOKED):
        assert statuses[status] == 1, statuses
    assert statuses[YearlyStatus.REPORTING] > reviews.count() * 0.9
    # The month to rectify passed without a report: the revocation took effect.
    revoked = reviews.get(status=YearlyStatus.REVOKED)
    assert revoked.rectify_by < today
    assert revoked.recognition.status == RecognitionStatus.REVOKED
    assert revoked.recognition.revoked_on == today
    kinds = list(revoked.recognition.events.values_list("kind", flat=True))
    assert kinds == [EventKind.RECOGNISED, EventKind.RECTIFICATION, EventKind.REVOKED]
    assert not Task.objects.filter(process_id=revoked.process_id, status__in=OPEN).exists()
    downgraded = reviews.get(status=YearlyStatus.DOWNGRADED)
    assert (downgraded.stars_before, downgraded.stars_after) == (3, 2)
    assert downgraded.recognition.stars == 2
    rectifying = reviews.get(status=YearlyStatus.RECTIFYING)
    assert rectifying.rectify_by > today
    assert rectifying.recognition.status == RecognitionStatus.RECTIFYING
    assert _inbox(RECTIFYING_LEADER).get().process_id == rectifying.process_id
    assert RECTIFYING_LEADER in output
    # The 委团委's queue holds the submitted reports; every other 号长 owes one.
    submitted = reviews.filter(status=YearlyStatus.SUBMITTED).values("process_id")
    queue = Task.objects.filter(process_id__in=submitted, status__in=OPEN, owner__isnull=True)
    assert queue.count() == statuses[YearlyStatus.SUBMITTED]
    assert {task.owner_permission_obj_pk for task in queue} == {str(committee.pk)}
    reporting = reviews.filter(status=YearlyStatus.REPORTING).select_related("collective")[0]
    task = Task.objects.get(process_id=reporting.process_id, status__in=OPEN)
    assert task.flow_task.name == "report" and task.owner == reporting.collective.leader.user
