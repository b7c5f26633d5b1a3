"""主送, 签发人, 抄送 and 印发 on the documents the processes issue."""

import pytest
from django.utils import timezone

from tests.awards.helpers import campaign_for
from tests.elections.helpers import act, candidates_for, submit
from tests.factories import MemberFactory, OrganizationFactory, UserFactory
from tests.pdf import text_of
from workflows.awards import pdf as award_pdf
from workflows.documents.addressing import between, copies_text, signatory_name, superiors_of
from workflows.documents.formatting import date_cn
from workflows.documents.models import IssuedDocument
from workflows.documents.rendering import pdf_render
from workflows.documents.verification import verification_context
from workflows.org.models import OrgKind
from workflows.wording import document_language

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_copies_name_each_organisation_once_in_order(world):
    assert (
        copies_text([world.party_a, None, world.committee, world.party_a]) == "心内科党支部，委团委"
    )
    assert copies_text([]) == ""


def test_a_committee_copies_its_party_organisation_and_the_committee_above(world):
    # Not linked: the party committee it sits under.
    assert superiors_of(world.committee) == [world.party_committee]

    city = OrganizationFactory(name="团市委", kind=OrgKind.LEAGUE_COMMITTEE)
    hospital_party = OrganizationFactory(name="医院党委", kind=OrgKind.PARTY_COMMITTEE)
    hospital = OrganizationFactory(
        name="医院团委", kind=OrgKind.LEAGUE_COMMITTEE, parent=city, party_org=hospital_party
    )
    assert superiors_of(hospital) == [hospital_party, city]


def test_between_finds_the_general_branch_under_the_committee(world):
    general = OrganizationFactory(
        name="内科团总支", kind=OrgKind.GENERAL_BRANCH, parent=world.committee
    )
    branch = OrganizationFactory(name="心内一团支部", parent=general)

    assert between(branch, world.committee) == [general]
    assert between(world.branch_a, world.committee) == []


def test_signatory_is_the_members_registered_name():
    user = UserFactory(username="jizhe_sign", first_name="小吉")
    assert signatory_name(user) == "小吉"
    MemberFactory(user=user, name="吉𠮷")
    user.refresh_from_db()
    assert signatory_name(user) == "吉𠮷"


def test_election_request_and_reply_carry_addressee_signatory_copies_and_imprint(
    world, django_capture_on_commit_callbacks
):
    MemberFactory(branch=world.branch_a, user=world.secretary_a, name="吉𠮷")
    with django_capture_on_commit_callbacks(execute=True):
        election = submit(world, candidates_for(world.branch_a, 6))
    with django_capture_on_commit_callbacks(execute=True):
        act(election, "plan_review", world.reviewer_1, "approve", "请按期召开")
    today = date_cn(timezone.localdate())

    request = text_of(IssuedDocument.objects.get(kind="election_request"))
    assert f"{election.request_number}签发人：吉𠮷" in request
    assert "委团委：" in request  # 主送: the committee it asks
    assert "抄送：心内科党支部。" in request
    assert f"心内科团支部{today}印发" in request

    reply = text_of(IssuedDocument.objects.get(kind="election_plan_reply"))
    assert "签发人" not in reply  # a reply goes down: no 签发人
    assert "心内科团支部：" in reply
    assert "抄送：心内科党支部。" in reply
    assert f"委团委{today}印发" in reply


def test_award_decision_is_addressed_to_every_unit_and_copied_up(world):
    campaign = campaign_for(world, codes=["excellent_member"])
    with document_language():
        context = award_pdf.decision_context(campaign, [], supplementary=False)
    today = date_cn(timezone.localdate())

    data = pdf_render(
        template="pdf/official.html",
        context={
            **context,
            "date": today,
            "issued_on": today,
            "printer": world.committee.name,
            "verification": verification_context("ABCDEFGHJK"),
        },
    )

    text = "".join(pdf_text(data).split())
    assert "各基层团组织：" in text
    assert "抄送：委党委。" in text
    assert f"委团委{today}印发" in text
