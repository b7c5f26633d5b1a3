"""In a real browser on a phone: the committee's auditor filters the event log, opens a case's
timeline marked as verified, generates and downloads its dossier, and checks the download on
the dossier's own verification page."""

import pytest

from tests.factories import AppointmentFactory, UserFactory
from workflows.org.models import Role

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


def test_auditor_verifies_a_case_and_its_dossier(
    page, live_server, e2e_world, returned_application, tmp_path
):
    application = returned_application
    auditor = UserFactory(username="shenji", first_name="孙审计")
    AppointmentFactory(user=auditor, org=e2e_world.committee, role=Role.AUDITOR)

    log_in(page, live_server, "shenji")
    go_to(page, "audit")
    page.click("details.filters > summary")
    page.fill("input[name=case_label]", application.reference)
    page.click("[data-testid=audit-filter] button[type=submit]")
    events = page.inner_text("[data-testid=audit-events]")
    assert "请补充志愿服务证明" in events and "吉𠮷" in events

    page.click(f"[data-testid=audit-events] a:has-text('{application.reference}')")
    assert "✓ 链验证通过" in page.inner_text("[data-testid=chain-verified]")
    assert "待团支部审核 → 退回修改" in page.inner_text("main")

    page.click("[data-testid=dossier-issue]")
    assert "第1版" in page.inner_text("[data-testid=dossier]")
    with page.expect_download() as download_info:
        page.click("[data-testid=dossier-download]")
    dossier = tmp_path / "dossier.pdf"
    download_info.value.save_as(dossier)
    assert dossier.read_bytes().startswith(b"%PDF")

    page.click("[data-testid=dossier-verify]")
    assert "案卷" in page.inner_text("main")
    page.set_input_files("input[name=file]", str(dossier))
    page.click("form[enctype] button[type=submit]")
    assert "一致：该文件与存档文书完全相同。" in page.inner_text("[data-testid=compare-result]")
