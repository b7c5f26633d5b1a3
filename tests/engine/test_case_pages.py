"""Case pages: applying, my applications, withdrawing, comments, attachments, CC, 公示."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.cases import to_publicity
from tests.factories import MemberFactory, UserFactory
from workflows.engine.models import Attachment, CarbonCopy, Objection, Opinion, Publicity
from workflows.party_recommendation.models import Application, Status

pytestmark = pytest.mark.django_db


def test_apply_page_submits_and_lists_under_my_applications(client, world, round_a):
    client.force_login(world.applicant_user)
    response = client.post(
        reverse("party_recommendation:apply"), {"round": round_a.pk, "statement": "申请推优"}
    )
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == application.get_absolute_url()
    mine = client.get(reverse("engine:my_cases")).content.decode()
    assert application.reference in mine and "待团支部审核" in mine


def test_apply_page_names_every_failed_rule(client, world, round_a):
    world.applicant.party_application_date = None
    world.applicant.league_join_date = round_a.meeting_date
    world.applicant.save()
    client.force_login(world.applicant_user)
    response = client.post(
        reverse("party_recommendation:apply"), {"round": round_a.pk, "statement": "申请"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "尚未递交入党申请书" in body and "团龄不满 1 年" in body
    assert "申请" in body  # the statement typed is still in the form


def test_withdraw_from_the_case_page(client, world, submitted):
    client.force_login(world.applicant_user)
    url = reverse(
        "engine:case_action", args=[submitted._meta.label_lower, submitted.pk, "withdraw"]
    )
    client.post(url, {"reason": "调岗"})
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN


def test_comment_attach_and_cc_from_the_case_page(client, world, submitted):
    client.force_login(world.secretary_a)
    label = submitted._meta.label_lower
    client.post(
        reverse("engine:case_action", args=[label, submitted.pk, "comment"]), {"text": "请准时参会"}
    )
    client.post(
        reverse("engine:case_action", args=[label, submitted.pk, "attach"]),
        {"file": SimpleUploadedFile("会议通知.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    reader = MemberFactory(branch=world.branch_b, user=UserFactory(username="reader")).user
    client.post(
        reverse("engine:case_action", args=[label, submitted.pk, "cc"]), {"usernames": "reader"}
    )
    assert Opinion.objects.filter(text="请准时参会").exists()
    assert Attachment.objects.get().original_name == "会议通知.pdf"
    assert CarbonCopy.objects.get().user == reader
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "请准时参会" in page and "会议通知.pdf" in page


def test_unknown_cc_user_is_reported(client, world, submitted):
    client.force_login(world.secretary_a)
    url = reverse("engine:case_action", args=[submitted._meta.label_lower, submitted.pk, "cc"])
    response = client.post(url, {"usernames": "nobody"}, follow=True)
    assert "找不到用户：nobody" in response.content.decode()


def test_publicity_notice_and_objection_by_a_member(client, world, submitted):
    to_publicity(world, submitted)
    notice = Publicity.objects.get()
    client.force_login(world.outsider_user)  # a member of branch B, inside the committee
    assert notice.title in client.get(reverse("engine:publicity_list")).content.decode()
    client.post(reverse("engine:publicity_detail", args=[notice.pk]), {"text": "反映情况"})
    assert Objection.objects.get().author == world.outsider_user
    submitted.refresh_from_db()
    assert submitted.status == Status.OBJECTION


def test_publicity_hidden_outside_the_committee(client, world, submitted):
    from tests.factories import MemberFactory, OrganizationFactory

    to_publicity(world, submitted)
    elsewhere = OrganizationFactory(name="外单位团支部")
    stranger = MemberFactory(branch=elsewhere).user
    client.force_login(stranger)
    notice = Publicity.objects.get()
    assert client.get(reverse("engine:publicity_detail", args=[notice.pk])).status_code == 404
    assert notice.title not in client.get(reverse("engine:publicity_list")).content.decode()


def test_round_page_issues_the_summary(client, world, submitted):
    client.force_login(world.secretary_a)
    url = reverse("party_recommendation:round_detail", args=[submitted.round.pk])
    page = client.post(url, follow=True).content.decode()
    assert "推优入党汇总表" in page
    client.force_login(world.secretary_b)
    assert client.get(url).status_code == 404


def test_attachments_are_served_only_within_the_case_scope(client, world, submitted):
    from workflows.engine.services.attachments import attachment_add

    attachment = attachment_add(
        case=submitted,
        by=world.applicant_user,
        upload=SimpleUploadedFile("吉𠮷的证明.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    url = reverse("engine:attachment", args=[attachment.pk])
    client.force_login(world.secretary_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    client.force_login(world.secretary_b)
    assert client.get(url).status_code == 404
