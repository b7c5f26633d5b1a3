"""In a real browser: five wrong passwords lock a member out, the committee unlocks them."""

import pytest

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


def test_a_locked_out_member_is_unlocked_by_the_committee(page, live_server, e2e_world, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        log_in(page, live_server, "applicant", "wrong")
    assert "该账号在本机已锁定 30 分钟" in page.inner_text("[data-testid=lockout]")

    log_in(page, live_server, "tw_shuji")
    go_to(page, "accounts")
    assert "吉𠮷" in page.inner_text("[data-testid=locked-accounts]")
    page.click("[data-testid=unlock-applicant]")
    assert "已解锁吉𠮷的账号" in page.inner_text("main")
    page.click("text=退出")

    log_in(page, live_server, "applicant")
    assert page.url == f"{live_server.url}/"
