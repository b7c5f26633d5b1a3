"""Engine services on a live 推优 case: transfer, CC, comments, attachments, notifications."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cases import open_task
from tests.factories import MemberFactory, UserFactory
from workflows.audit.models import AuditEvent
from workflows.engine.errors import CaseError, NotAllowed
from workflows.engine.models import Attachment, Notification
from workflows.engine.services.attachments import attachment_add
from workflows.engine.services.cases import case_cc, case_comment
from workflows.engine.services.tasks import task_transfer
from workflows.engine.visibility import case_visible_to

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_new_task_notifies_the_owner_in_app_and_by_mail(world, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from workflows.party_recommendation.models import Round, Track
    from workflows.party_recommendation.services import application_submit

    round_ = Round.objects.create(
        branch=world.branch_a,
        track=Track.ACTIVIST,
        title="批次",
        meeting_date=timezone.localdate(),
        created_by=world.secretary_a,
    )
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            member=world.applicant, round=round_, statement="申请", by=world.applicant_user
        )
    notice = Notification.objects.get(user=world.secretary_a)
    assert application.reference in notice.text
    assert mail.outbox and application.reference in mail.outbox[0].subject


def test_transfer_moves_the_task_and_records_why(world, submitted):
    task = open_task(submitted, "branch_review")
    task_transfer(task=task, to_user=world.deputy_a, by=world.secretary_a, reason="出差一周")
    task.refresh_from_db()
    assert task.owner == world.deputy_a
    event = AuditEvent.objects.get(action="task.transfer")
    assert (event.before, event.after, event.opinion) == ("陈支书", "周副书记", "出差一周")


def test_transfer_refused_to_someone_outside_the_case(world, submitted):
    task = open_task(submitted, "branch_review")
    with pytest.raises(NotAllowed, match="不在该案件所属组织范围内"):
        task_transfer(task=task, to_user=world.secretary_b, by=world.secretary_a, reason="x")


def test_transfer_refused_to_the_subject(world, submitted):
    task = open_task(submitted, "branch_review")
    with pytest.raises(NotAllowed, match="回避"):
        task_transfer(task=task, to_user=world.applicant_user, by=world.secretary_a, reason="x")


def test_cc_lets_the_recipient_read_the_case(world, submitted):
    reader = MemberFactory(branch=world.branch_b, user=UserFactory(username="cc_reader")).user
    assert not case_visible_to(case=submitted, user=reader)
    case_cc(case=submitted, users=[reader], by=world.secretary_a)
    assert case_visible_to(case=submitted, user=reader)
    assert Notification.objects.filter(user=reader, text__contains="抄送").exists()


def test_comment_is_recorded_and_audited(world, submitted):
    case_comment(case=submitted, by=world.secretary_a, text="请补充材料")
    assert AuditEvent.objects.filter(action="comment.add", opinion="请补充材料").exists()
    with pytest.raises(NotAllowed):
        case_comment(case=submitted, by=world.secretary_b, text="越权评论")


def test_attachment_type_is_taken_from_the_bytes(world, submitted):
    ok = attachment_add(
        case=submitted,
        by=world.applicant_user,
        upload=SimpleUploadedFile("志愿服务证明.pdf", PDF_BYTES),
    )
    assert ok.content_type == "application/pdf" and len(ok.sha256) == 64
    disguised = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00 this is an executable")
    with pytest.raises(CaseError, match="实际内容不是允许的类型"):
        attachment_add(case=submitted, by=world.applicant_user, upload=disguised)
    assert Attachment.objects.count() == 1


def test_attachment_size_cap(world, submitted, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(CaseError, match="超过上限"):
        attachment_add(
            case=submitted, by=world.applicant_user, upload=SimpleUploadedFile("a.pdf", PDF_BYTES)
        )
