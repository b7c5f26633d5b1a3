"""The home page by role, the phone's 更多 page, and the login page's word on the system."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AppointmentFactory, MemberFactory, UserFactory
from workflows.org.models import Role
from workflows.party_recommendation.services import application_submit

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def section(body: str, testid: str) -> str:
    start = body.index(f'data-testid="{testid}"')
    return body[start : body.index("</section>", start)]


def test_a_member_sees_what_they_can_apply_for(client, world, round_a):
    body = home(client, world.applicant_user)
    assert "网上办事平台" in body
    starts = section(body, "home-starts")
    assert reverse("party_recommendation:apply") in starts and "申请推优入党" in starts
    assert round_a.title in starts
    assert 'data-testid="home-owed"' not in body
    assert 'data-testid="home-manage"' not in body


def test_a_member_with_nothing_open_is_told_so(client, world):
    starts = section(home(client, world.outsider_user), "home-starts")
    assert "目前没有向您开放的申请" in starts


def test_an_approver_sees_their_counts_tasks_and_cases(client, world, submitted):
    body = home(client, world.secretary_a)
    owed = section(body, "home-owed")
    assert 'data-testid="home-tasks"><b>1</b>' in owed
    assert submitted.reference in owed and "团支部审核" in owed
    starts = section(body, "home-starts")
    assert "发起推优批次" in starts and "报送换届请示" in starts
    # A branch secretary looks after the branch's members and reads its audit trail.
    manage = section(body, "home-manage")
    assert 'data-testid="home-members"' in manage and 'data-testid="home-audit"' in manage
    assert 'data-testid="home-accounts"' not in manage


def test_what_an_approver_decided_last_is_listed(client, world, submitted):
    from tests.cases import act

    act(submitted, "branch_review", world.secretary_a, "approve", "同意")
    recent = section(home(client, world.secretary_a), "home-recent")
    assert submitted.reference in recent and "团支部审核" in recent


def test_the_applicant_follows_their_own_case(client, world, submitted):
    mine = section(home(client, world.applicant_user), "home-mine")
    assert submitted.reference in mine and "待团支部审核" in mine


def test_committee_staff_reach_members_accounts_and_elections(client, world):
    manage = section(home(client, world.reviewer_1), "home-manage")
    for testid in ("home-members", "home-accounts", "home-elections"):
        assert f'data-testid="{testid}"' in manage
    assert 'data-testid="home-audit"' not in manage


def test_an_auditor_reaches_the_audit_log(client, world):
    auditor = UserFactory(username="shenji")
    AppointmentFactory(user=auditor, org=world.committee, role=Role.AUDITOR)
    manage = section(home(client, auditor), "home-manage")
    assert reverse("audit:event_list") in manage
    assert 'data-testid="home-accounts"' not in manage


def test_the_home_page_asks_for_a_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_home_page_queries_do_not_grow_with_data(client, world, round_a):
    client.force_login(world.secretary_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    member = MemberFactory(branch=world.branch_a, name="团员甲")
    application_submit(member=member, round=round_a, statement="申请", by=member.user)
    few = queries()
    for index in range(8):
        member = MemberFactory(branch=world.branch_a, name=f"团员{index}")
        application_submit(member=member, round=round_a, statement="申请", by=member.user)
    assert queries() == few


def test_more_reaches_every_section(client, world):
    client.force_login(world.reviewer_1)
    body = client.get(reverse("engine:more")).content.decode()
    for name in (
        "engine:queue",
        "engine:archive",
        "engine:my_cases",
        "engine:case_list",
        "elections:dashboard",
        "awards:index",
        "civilization_posts:index",
        "evaluations:index",
        "engine:publicity_list",
        "org:members",
        "org:accounts",
        "password_change",
        "logout",
        "set_language",
    ):
        assert f'"{reverse(name)}"' in body, name
    # 审计 only for whoever may read it.
    assert reverse("audit:event_list") not in body
    client.force_login(world.secretary_a)
    assert reverse("audit:event_list") in client.get(reverse("engine:more")).content.decode()


def test_the_tab_bar_counts_unread_notifications(client, world):
    from workflows.engine.models import Notification

    Notification.objects.create(user=world.applicant_user, text="请补充材料")
    body = home(client, world.applicant_user)
    assert 'data-testid="tab-unread-count">1<' in body


def test_the_login_page_says_what_the_system_is_for(client):
    body = client.get(reverse("login")).content.decode()
    about = section(body, "login-about")
    assert "团员" in about and "团干部" in about
