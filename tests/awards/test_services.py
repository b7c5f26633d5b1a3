"""Nominating, the 公示 and its objections, and the decision with its documents."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from tests.factories import MemberFactory, UserFactory
from tests.pdf import text_of
from workflows.awards import services
from workflows.awards.models import Honour
from workflows.documents.models import IssuedDocument
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.models import Objection
from workflows.engine.services.publicity import publicity_latest

from .helpers import (
    act,
    approved,
    campaign_for,
    category,
    good_record,
    open_task,
    party_secretary,
    timers_fire,
    vote_all,
)


def opened(world, django_capture_on_commit_callbacks, **values):
    campaign = campaign_for(world, **values)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    return campaign


# --- nominating ------------------------------------------------------


def test_after_the_deadline_no_nomination(world, django_capture_on_commit_callbacks):
    good_record(world.applicant)
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    type(campaign).objects.filter(pk=campaign.pk).update(deadline=yesterday)
    campaign.refresh_from_db()
    assert campaign.status == "open"  # the timer has not fired yet
    with pytest.raises(CaseError) as refused:
        services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        )
    [message] = refused.value.messages
    assert "「2026年度五四评优」推荐已于" in message
    assert "截止，不再接受推荐" in message
    assert not campaign.nominations.exists()


def test_draft_campaign_takes_no_nomination(world):
    good_record(world.applicant)
    campaign = campaign_for(world, codes=["excellent_member"])
    with pytest.raises(CaseError, match="「2026年度五四评优」当前不接受推荐"):
        services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        )


def test_deeds_over_the_limit(world, django_capture_on_commit_callbacks):
    good_record(world.applicant)
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    excellent = category(campaign, "excellent_member")
    assert excellent.deeds_max_chars == 1500
    with pytest.raises(CaseError) as refused:
        services.nomination_submit(
            category=excellent,
            by=world.applicant_user,
            member=world.applicant,
            deeds="𠮷" * 1501,
        )
    assert refused.value.messages == ["主要事迹 1501 字，超过优秀共青团员的 1500 字上限"]
    # Exactly at the limit is accepted (characters, not bytes or UTF-16 units).
    nomination = services.nomination_submit(
        category=excellent, by=world.applicant_user, member=world.applicant, deeds="𠮷" * 1500
    )
    assert len(nomination.deeds) == 1500


def test_nobody_nominates_a_member_of_another_branch(world, django_capture_on_commit_callbacks):
    good_record(world.applicant)
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    excellent = category(campaign, "excellent_member")
    for user in (world.outsider_user, world.secretary_b):
        with pytest.raises(NotAllowed, match="只能推荐本人，或由所在团支部书记推荐"):
            services.nomination_submit(
                category=excellent, by=user, member=world.applicant, deeds="推荐。"
            )
    assert not campaign.nominations.exists()


def test_self_nomination_goes_to_the_branch(world, django_capture_on_commit_callbacks):
    good_record(world.applicant)
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    nomination = services.nomination_submit(
        category=category(campaign, "excellent_member"),
        by=world.applicant_user,
        member=world.applicant,
        deeds="抗疫一线志愿服务。",
    )
    assert nomination.status == "submitted"
    assert nomination.nominated_by == "self"
    assert nomination.quota_unit == world.branch_a
    assert nomination.form["姓名"] == "吉𠮷"
    open_task(nomination, "branch_review")


@pytest.mark.parametrize("nominator", ["secretary_a", "deputy_a"])
def test_branch_nomination_skips_branch_review(
    world, nominator, django_capture_on_commit_callbacks
):
    colleague = good_record(world.members_a[0])
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    nomination = services.nomination_submit(
        category=category(campaign, "excellent_member"),
        by=getattr(world, nominator),
        member=colleague,
        deeds="科室青年文明号骨干。",
    )
    assert nomination.status == "branch_approved"
    assert nomination.nominated_by == "branch"
    open_task(nomination, "committee_review")


def test_same_nominee_twice_is_refused(world, django_capture_on_commit_callbacks):
    good_record(world.applicant)
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    excellent = category(campaign, "excellent_member")
    first = services.nomination_submit(
        category=excellent, by=world.applicant_user, member=world.applicant, deeds="自荐。"
    )
    with pytest.raises(CaseError) as refused:
        services.nomination_submit(
            category=excellent, by=world.secretary_a, member=world.applicant, deeds="推荐。"
        )
    assert refused.value.messages == [f"吉𠮷 已被推荐为优秀共青团员（{first.reference}）"]


def test_ineligible_nominee_refused_with_every_reason(world, django_capture_on_commit_callbacks):
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    # No 2026 review, no volunteer hours, no dues on record.
    with pytest.raises(RuleViolation) as refused:
        services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        )
    assert refused.value.messages == [
        "没有 2026 年度教育评议结果",
        "2026 年度志愿服务 0 小时，不足 20 小时",
        "没有团费缴纳记录",
    ]


def test_age_on_the_cutoff_through_a_nomination(world, django_capture_on_commit_callbacks):
    cutoff = timezone.localdate()
    campaign = opened(
        world, django_capture_on_commit_callbacks, codes=["job_expert"], cutoff_date=cutoff
    )
    job_expert = category(campaign, "job_expert")
    too_old = MemberFactory(branch=world.branch_a, birth_date=cutoff - relativedelta(years=36))
    with pytest.raises(RuleViolation) as refused:
        services.nomination_submit(
            category=job_expert, by=world.secretary_a, member=too_old, deeds="技术能手。"
        )
    [message] = refused.value.messages
    assert "年龄 36 周岁，青年岗位能手要求不超过 35 周岁" in message
    just_in = MemberFactory(
        branch=world.branch_a,
        birth_date=cutoff - relativedelta(years=36) + datetime.timedelta(days=1),
    )
    nomination = services.nomination_submit(
        category=job_expert, by=world.secretary_a, member=just_in, deeds="技术能手。"
    )
    assert nomination.status == "branch_approved"


# --- the 公示 and objections -------------------------------------------


def in_publicity(world, capture):
    """Three nominees (two from branch A, one from branch B) on the 公示 list."""
    party = party_secretary(world)
    campaign = campaign_for(world, codes=["excellent_member"])
    # A 10% quota, so the committee's 51 members give 5 places and all three can be shortlisted.
    services.category_update(
        category=category(campaign, "excellent_member"),
        values={"quota_value": 10},
        by=world.committee_secretary,
    )
    with capture(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
    excellent = category(campaign, "excellent_member")
    for member in (world.applicant, world.members_a[0], world.outsider):
        good_record(member)
    applicant = services.nomination_submit(
        category=excellent, by=world.applicant_user, member=world.applicant, deeds="抗疫志愿。"
    )
    colleague = services.nomination_submit(
        category=excellent, by=world.secretary_a, member=world.members_a[0], deeds="青年骨干。"
    )
    outsider = services.nomination_submit(
        category=excellent, by=world.outsider_user, member=world.outsider, deeds="手术室能手。"
    )
    approved(applicant, world)
    approved(colleague, world)
    act(outsider, "branch_review", world.secretary_b, "approve", "同意推荐")
    act(outsider, "committee_review", world.reviewer_1, "approve", "同意")
    timers_fire(campaign)
    vote_all(campaign)
    with capture(execute=True):
        act(campaign, "panel", world.committee_secretary, "publish_shortlist", "评审通过")
    for nomination in (applicant, colleague, outsider):
        nomination.refresh_from_db()
        assert nomination.status == "in_publicity"
    assert campaign.status == "in_publicity"
    return campaign, party, applicant, colleague, outsider


def objector(world):
    """A member of branch B, inside the committee's 公示 range."""
    return MemberFactory(branch=world.branch_b, user=UserFactory(username="jubao")).user


def object_to(campaign, nomination, by):
    services.nomination_object(
        publicity=publicity_latest(campaign),
        by=by,
        text="志愿服务时长与记录不符。",
        about=nomination.pk,
    )
    nomination.refresh_from_db()


def test_objection_upheld(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    campaign, party, applicant, colleague, outsider = in_publicity(world, capture)
    object_to(campaign, applicant, objector(world))

    assert applicant.status == "objection"
    for other in (colleague, outsider):
        other.refresh_from_db()
        assert other.status == "in_publicity"
    open_task(applicant, "objection_review")
    objection = Objection.objects.get(about_id=applicant.pk)
    assert objection.resolved_at is None

    act(applicant, "objection_review", world.committee_secretary, "uphold", "经核查反映属实")
    assert applicant.status == "rejected"
    objection.refresh_from_db()
    assert objection.upheld is True

    timers_fire(campaign, publicity=True)
    assert campaign.status == "party_review"
    for other in (colleague, outsider):
        other.refresh_from_db()
        assert other.status == "publicity_passed"
    act(campaign, "party_review", party, "confirm", "同意")
    with capture(execute=True):
        act(campaign, "decide", world.committee_secretary, "issue_decision", "")
    assert campaign.status == "decided"
    applicant.refresh_from_db()
    assert applicant.status == "rejected"
    assert not Honour.objects.filter(member=world.applicant).exists()
    assert set(Honour.objects.values_list("member_id", flat=True)) == {
        world.members_a[0].pk,
        world.outsider.pk,
    }


def test_objection_dismissed_while_the_publicity_runs(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    campaign, _party, applicant, _colleague, _outsider = in_publicity(world, capture)
    object_to(campaign, applicant, objector(world))
    act(applicant, "objection_review", world.committee_secretary, "dismiss", "经核查反映不实")
    assert applicant.status == "in_publicity"
    timers_fire(campaign, publicity=True)
    applicant.refresh_from_db()
    assert applicant.status == "publicity_passed"


def test_objection_dismissed_after_the_decision(world, django_capture_on_commit_callbacks):
    """Cleared after the party confirmed the others and the decision went out: the party
    confirms them late and a 补充 decision awards them."""
    capture = django_capture_on_commit_callbacks
    campaign, party, applicant, colleague, _outsider = in_publicity(world, capture)
    object_to(campaign, applicant, objector(world))

    timers_fire(campaign, publicity=True)
    applicant.refresh_from_db()
    assert applicant.status == "objection"  # the 公示 closing does not pass them
    act(campaign, "party_review", party, "confirm", "同意")
    with capture(execute=True):
        act(campaign, "decide", world.committee_secretary, "issue_decision", "")
    assert campaign.status == "decided"
    colleague.refresh_from_db()
    assert colleague.status == "awarded"
    assert not Honour.objects.filter(member=world.applicant).exists()

    act(applicant, "objection_review", world.committee_secretary, "dismiss", "经核查反映不实")
    assert applicant.status == "publicity_passed"
    open_task(applicant, "late_review")
    with capture(execute=True):
        act(applicant, "late_review", party, "confirm", "同意补充表彰")
    assert applicant.status == "awarded"
    honour = Honour.objects.get(member=world.applicant)
    assert honour.title == "优秀共青团员"
    supplementary = IssuedDocument.objects.get(kind="award_supplementary_decision")
    assert honour.document_number == supplementary.number
    assert supplementary.number != campaign.decision_number
    text = text_of(supplementary)
    assert "补充" in text
    assert "吉𠮷（心内科团支部）" in text
    assert IssuedDocument.objects.filter(kind="award_decision").count() == 1


def test_objection_dismissed_before_the_decision(world, django_capture_on_commit_callbacks):
    """Cleared after the party confirmed but before the decision: confirmed late, then awarded
    with everyone else in the one decision."""
    capture = django_capture_on_commit_callbacks
    campaign, party, applicant, _colleague, _outsider = in_publicity(world, capture)
    object_to(campaign, applicant, objector(world))
    timers_fire(campaign, publicity=True)
    act(campaign, "party_review", party, "confirm", "同意")
    assert campaign.status == "confirmed"
    act(applicant, "objection_review", world.committee_secretary, "dismiss", "经核查反映不实")
    act(applicant, "late_review", party, "confirm", "同意")
    assert applicant.status == "confirmed"
    assert not Honour.objects.filter(member=world.applicant).exists()
    with capture(execute=True):
        act(campaign, "decide", world.committee_secretary, "issue_decision", "")
    applicant.refresh_from_db()
    assert applicant.status == "awarded"
    assert Honour.objects.count() == 3
    assert not IssuedDocument.objects.filter(kind="award_supplementary_decision").exists()


def test_objection_must_name_someone_on_the_list(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    campaign, _party, applicant, _colleague, _outsider = in_publicity(world, capture)
    publicity = publicity_latest(campaign)
    with pytest.raises(CaseError, match="请选择公示名单中的反映对象"):
        services.nomination_object(publicity=publicity, by=objector(world), text="不实。")
    stranger = UserFactory(username="stranger")
    with pytest.raises(NotAllowed, match="您不在该公示范围内"):
        services.nomination_object(
            publicity=publicity, by=stranger, text="不实。", about=applicant.pk
        )
    applicant.refresh_from_db()
    assert applicant.status == "in_publicity"


# --- the decision and its documents ----------------------------------


def test_decision_documents(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    campaign, party, applicant, colleague, outsider = in_publicity(world, capture)
    timers_fire(campaign, publicity=True)
    act(campaign, "party_review", party, "confirm", "同意")
    with capture(execute=True):
        act(campaign, "decide", world.committee_secretary, "issue_decision", "")

    assert IssuedDocument.objects.filter(kind="award_notice").count() == 1
    decision = IssuedDocument.objects.get(kind="award_decision")
    assert decision.number == campaign.decision_number
    assert decision.number.startswith("卫团发〔")
    certificates = IssuedDocument.objects.filter(kind="award_certificate")
    assert certificates.count() == 3
    assert {c.subject_id for c in certificates} == {applicant.pk, colleague.pk, outsider.pk}

    text = text_of(decision)
    assert decision.number in text
    heading = text.index("优秀共青团员（3名）")
    assert text.index("吉𠮷（心内科团支部）") > heading
    assert f"{world.outsider.name}（外科团支部）" in text

    certificate = text_of(certificates.get(subject_id=applicant.pk))
    assert "吉𠮷同志" in certificate
    assert "优秀共青团员" in certificate
    assert Honour.objects.get(member=world.applicant).document_number == decision.number


# --- bulk committee review ---------------------------------------------


def test_bulk_approval_keeps_an_opinion_per_nominee(world, django_capture_on_commit_callbacks):
    from workflows.engine.models import Opinion
    from workflows.engine.services.bulk import BulkItem, tasks_bulk_act
    from workflows.engine.services.tasks import task_claim
    from workflows.org.models import MemberYear

    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    nominations = [
        services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=secretary,
            member=good_record(member),
            deeds="事迹",
        )
        for member, secretary in [
            (world.applicant, world.secretary_a),
            (world.outsider, world.secretary_b),
        ]
    ]
    # The second nominee's record changes before the committee decides: it must not pass.
    MemberYear.objects.filter(member=world.outsider).update(review_result="qualified")
    tasks = [open_task(n, "committee_review") for n in nominations]
    for task in tasks:
        task_claim(task=task, by=world.reviewer_1)
    items = [
        BulkItem(task.pk, f"同意推荐{nomination.nominee_name}")
        for task, nomination in zip(tasks, nominations, strict=True)
    ]
    outcomes = tasks_bulk_act(items=items, by=world.reviewer_1)
    assert [o.ok for o in outcomes] == [True, False]
    assert "须为「优秀」" in outcomes[1].message
    first, second = nominations
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("committee_approved", "branch_approved")
    opinion = Opinion.objects.for_case(first).get(step="团委审核")
    assert opinion.text == f"同意推荐{world.applicant.name}"


# --- 教育评议 results, as a finalised round wrote them --------------------------------------


def _reviewed(world, result):
    """A 2026 round (the review year of the 2027 campaign) finalised with ``result`` for 吉𠮷."""
    from tests.evaluations.helpers import finalised

    finalised(world, 2026, {world.applicant: result})


def test_a_member_rated_unqualified_in_the_finalised_round_is_refused(
    world, django_capture_on_commit_callbacks
):
    from tests.evaluations.helpers import unqualified

    good_record(world.applicant)  # an 优秀 typed in by hand, then the round's result replaces it
    _reviewed(world, unqualified())
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    with pytest.raises(CaseError) as refused:
        services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        )
    assert refused.value.messages == ["2026 年度教育评议结果为「不合格」，须为「优秀」"]


def test_a_member_rated_excellent_in_the_finalised_round_may_stand(
    world, django_capture_on_commit_callbacks
):
    good_record(world.applicant, review_result="")
    _reviewed(world, "excellent")
    campaign = opened(world, django_capture_on_commit_callbacks, codes=["excellent_member"])
    nomination = services.nomination_submit(
        category=category(campaign, "excellent_member"),
        by=world.applicant_user,
        member=world.applicant,
        deeds="抗疫一线志愿服务。",
    )
    assert nomination.status == "submitted"
