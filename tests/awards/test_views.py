"""The 评优 pages: campaign, nominating, ballot, certificates ZIP, honours; scoped by branch."""

import io
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from workflows.awards.models import CampaignStatus
from workflows.documents.models import IssuedDocument

from .helpers import campaign_for, category, good_record, timers_fire

pytestmark = pytest.mark.django_db


def logged_in(client, user):
    client.force_login(user)
    return client


def test_committee_creates_and_opens_a_campaign_through_the_pages(
    client, world, django_capture_on_commit_callbacks
):
    client = logged_in(client, world.committee_secretary)
    assert "发起评选" in client.get(reverse("awards:index")).content.decode()
    form = {
        "title": "2026年度五四评优",
        "year": 2027,
        "cutoff_date": "2026-12-31",
        "deadline": "2099-12-31",
        "notice": "请认真组织。",
        "judges": [world.committee_secretary.pk, world.reviewer_1.pk, world.reviewer_2.pk],
        "codes": ["excellent_member", "red_flag_branch"],
    }
    response = client.post(reverse("awards:new") + f"?org={world.committee.pk}", form)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "优秀共青团员" in page and "五四红旗团支部" in page
    campaign_pk = int(response["Location"].rstrip("/").split("/")[-1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("awards:open", args=[campaign_pk]))
    notice = IssuedDocument.objects.get(kind="award_notice")
    assert notice.number.startswith("卫团发〔")
    member = logged_in(client, world.applicant_user)
    # The 通知 is addressed to every unit below the committee.
    assert member.get(reverse("documents:download", args=[notice.pk])).status_code == 200


def test_self_nomination_through_the_page_shows_the_reason_it_is_refused(client, world):
    campaign = campaign_for(world, codes=["excellent_member"])
    from workflows.awards import services

    services.campaign_open(campaign=campaign, by=world.committee_secretary)
    url = reverse("awards:nominate", args=[category(campaign, "excellent_member").pk])
    client = logged_in(client, world.applicant_user)
    refused = client.post(url, {"member": world.applicant.pk, "deeds": "志愿服务"})
    assert refused.status_code == 400
    assert "没有 2026 年度教育评议结果" in refused.content.decode()
    good_record(world.applicant)
    accepted = client.post(url, {"member": world.applicant.pk, "deeds": "志愿服务"})
    assert accepted.status_code == 302
    assert world.applicant.name in client.get(accepted["Location"]).content.decode()


def test_draft_campaign_is_hidden_from_members(client, world):
    campaign = campaign_for(world)
    member = logged_in(client, world.applicant_user)
    assert member.get(reverse("awards:campaign", args=[campaign.pk])).status_code == 404
    manager = logged_in(client, world.committee_secretary)
    assert manager.get(reverse("awards:campaign", args=[campaign.pk])).status_code == 200


def test_ballot_page_is_for_judges_and_lists_recusals(client, world):
    from workflows.awards import services

    campaign = campaign_for(world, judges=[world.secretary_a, world.reviewer_1, world.reviewer_2])
    services.campaign_open(campaign=campaign, by=world.committee_secretary)
    good_record(world.applicant)
    nomination = services.nomination_submit(
        category=category(campaign, "excellent_member"),
        by=world.secretary_a,
        member=world.applicant,
        deeds="事迹",
    )
    from .helpers import act

    act(nomination, "committee_review", world.reviewer_1, "approve", "同意")
    timers_fire(campaign)
    assert campaign.status == CampaignStatus.PANEL
    page = logged_in(client, world.secretary_a).get(reverse("awards:ballot", args=[campaign.pk]))
    assert "回避" in page.content.decode() and "吉𠮷" in page.content.decode()
    assert f'name="vote-{nomination.pk}"' not in page.content.decode()
    judge = logged_in(client, world.reviewer_1)
    response = judge.post(reverse("awards:ballot", args=[campaign.pk]), {})
    assert response.status_code == 400 and "缺少" in response.content.decode()
    response = judge.post(
        reverse("awards:ballot", args=[campaign.pk]), {f"vote-{nomination.pk}": "yes"}
    )
    assert response.status_code == 302
    outsider = logged_in(client, world.secretary_b)
    assert outsider.get(reverse("awards:ballot", args=[campaign.pk])).status_code == 404


def test_certificates_download_as_one_zip(client, world, decided):
    campaign = decided[0]
    response = logged_in(client, world.committee_secretary).get(
        reverse("awards:certificates", args=[campaign.pk])
    )
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 1 and "吉𠮷" in names[0]
    assert archive.read(names[0]).startswith(b"%PDF")
    honours = client.get(reverse("awards:honours")).content.decode()
    assert "吉𠮷" in honours and "优秀共青团员" in honours


def test_branch_b_cannot_reach_branch_a_nomination(client, world, decided):
    campaign, nomination = decided
    certificate = IssuedDocument.objects.get(kind="award_certificate")
    task = nomination.process.task_set.filter(flow_task_type="HUMAN").first()
    ct = ContentType.objects.get_for_model(nomination).pk
    client = logged_in(client, world.secretary_b)
    assert client.get(nomination.get_absolute_url()).status_code == 404
    assert client.get(reverse("engine:task", args=[task.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[certificate.pk])).status_code == 404
    assert client.get(f"/audit/case/{ct}/{nomination.pk}/").status_code in (403, 404)
    assert client.get(reverse("awards:certificates", args=[campaign.pk])).status_code == 404
    assert "吉𠮷" not in client.get(reverse("awards:honours")).content.decode()
    own = logged_in(client, world.applicant_user)
    assert own.get(reverse("documents:download", args=[certificate.pk])).status_code == 200
