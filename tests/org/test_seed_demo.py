"""manage.py seed_demo: the commission's tree, ~1000 members, 推优 cases in every status, and a
second run that changes nothing.

Seeding drives two dozen cases through the real flow, so it runs once (twice, for idempotency)
and the checks below share that data.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader
from viewflow.workflow.models import Task

from workflows.audit.models import AuditEvent
from workflows.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from workflows.demo.people import id_check_digit
from workflows.documents.models import IssuedDocument
from workflows.engine.models import Notification, Publicity
from workflows.org.models import (
    Appointment,
    Member,
    Organization,
    OrgKind,
    Role,
    Standing,
    Substitute,
)
from workflows.org.selectors import party_org_of
from workflows.party_recommendation.conditions import eligibility_problems_of
from workflows.party_recommendation.models import Application, Round, Status

User = get_user_model()
OPEN = ["NEW", "ASSIGNED", "STARTED"]


def test_id_check_digit_follows_gb_11643():
    assert id_check_digit("11010519491231002") == "X"
    assert id_check_digit("44052418800101001") == "4"


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
    _check_members()
    _check_cases()
    _check_non_bmp_name()
    _check_demo_inboxes()
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
    assert not Appointment.objects.exclude(start_date="2024-01-01").exists()


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


def _check_logins(output: str):
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert user.first_name == login.name
        assert login.username in output
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="tw_zuzhi2").check_password(DEMO_PASSWORD)
    assert User.objects.get(username="yiyuan_zuzhi1").check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in output
