import io
import tracemalloc

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.audit.search_cases import application, election
from workflows.audit import exports
from workflows.audit.exports import events_xlsx
from workflows.audit.models import AuditAction, AuditEvent
from workflows.audit.selectors import events_visible_to
from workflows.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _sheet_rows(response) -> list[tuple]:
    body = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(body), read_only=True).active.values)


def test_event_export_reads_back_with_the_filters_and_scope_applied(
    client, auditor_a, approver, branch_a, branch_b, case_a, case_b
):
    audit_record(
        action=AuditAction.OPINION_ADD,
        by=approver,
        org=branch_a,
        case=case_a,
        opinion="=1+1 同意推荐吉𠮷甲",
    )
    audit_record(action=AuditAction.CASE_CC, by=approver, org=branch_a, case=case_a)
    audit_record(action=AuditAction.OPINION_ADD, by=approver, org=branch_b, case=case_b)
    client.force_login(auditor_a)

    response = client.get(reverse("audit:event_export_xlsx"), {"action": "opinion.add"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    header, *rows = _sheet_rows(response)
    assert header[:2] == ("编号", "时间")
    assert len(rows) == 1
    assert rows[0][5] == "吉𠮷甲"
    # Text, exactly as written, never a formula.
    assert rows[0][10] == "=1+1 同意推荐吉𠮷甲"


def test_case_export_reads_back_with_the_filters_and_scope_applied(
    client, auditor_a, branch_a, branch_b
):
    kept = application(branch_a, name="吉𠮷甲")
    election(branch_a)
    application(branch_b, name="乙某")
    client.force_login(auditor_a)

    response = client.get(reverse("audit:case_export"), {"process": "party_recommendation"})

    header, *rows = _sheet_rows(response)
    assert header[0] == "编号"
    found = [(row[0], row[2], row[3]) for row in rows]
    assert found == [(kept.reference, "吉𠮷甲", "心内科团支部")]


def test_a_wrong_case_filter_exports_nothing(client, auditor_a, branch_b):
    client.force_login(auditor_a)

    response = client.get(reverse("audit:case_export"), {"org": branch_b.pk})

    assert response.status_code == 302


def _bulk_events(org, count: int, start: int = 0) -> None:
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                actor_name="吉𠮷",
                org=org,
                org_path=org.path,
                case_label=f"TY-{i} 吉𠮷",
                action=AuditAction.OPINION_ADD,
                opinion="同意" * 20,
                prev_hash=f"p{i:063d}",
                hash=f"h{i:063d}",
            )
            for i in range(start, start + count)
        ),
        batch_size=1000,
    )


def _export_peak(reader) -> tuple[int, int]:
    tracemalloc.start()
    try:
        with events_xlsx(events=events_visible_to(user=reader), reader=reader) as file:
            size = file.seek(0, io.SEEK_END)
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


def test_export_memory_does_not_grow_with_rows(auditor_a, branch_a, monkeypatch):
    # Rows are read a chunk at a time, two chunks alive at most: small chunks show the
    # flat line with few rows.
    monkeypatch.setattr(exports, "EXPORT_CHUNK", 200)
    _bulk_events(branch_a, 1000)
    small_peak, small_size = _export_peak(auditor_a)
    _bulk_events(branch_a, 3000, start=1000)

    large_peak, large_size = _export_peak(auditor_a)

    assert large_size > 3 * small_size
    assert large_peak < small_peak * 1.2
