import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def e2e_world(transactional_db):
    from django.utils import timezone

    from tests.factories import World
    from workflows.party_recommendation.models import Round, Track

    world = World()
    world.round = Round.objects.create(
        branch=world.branch_a,
        track=Track.ACTIVIST,
        title="2026年第二批推优",
        meeting_date=timezone.localdate(),
        created_by=world.secretary_a,
    )
    return world


def log_in(page, live_server, username: str, password: str = "pass") -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def go_to(page, section: str) -> None:
    """Open a section as a person on a phone does: 更多 in the tab bar, then the section."""
    page.click("[data-testid=tab-more]")
    page.click(f"[data-testid=more-{section}]")


@pytest.fixture
def returned_application(e2e_world):
    """A 推优 application its branch sent back with an opinion: a history to read and count."""
    from workflows.party_recommendation.services import application_act, application_submit

    world = e2e_world
    application = application_submit(
        member=world.applicant, round=world.round, statement="申请", by=world.applicant_user
    )
    task = application.process.task_set.get(flow_task_type="HUMAN")
    application_act(task=task, by=world.secretary_a, action="return", opinion="请补充志愿服务证明")
    return application
