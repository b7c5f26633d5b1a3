"""Driving a 五四评优 campaign through its steps in tests, with the services the pages use."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from viewflow.workflow.models import Task

from tests.cases import open_task
from tests.factories import AppointmentFactory, UserFactory
from workflows.awards import panel, services
from workflows.awards.models import Campaign, Category, Nomination
from workflows.engine.models import Publicity
from workflows.org.models import Member, MemberYear, ReviewResult, Role


def party_secretary(world):
    """The committee answers to 委党委; give it a secretary to confirm the list."""
    world.committee.party_org = world.party_committee
    world.committee.save()
    user = UserFactory(username="dw_shuji", first_name="党委书记")
    AppointmentFactory(user=user, org=world.party_committee, role=Role.SECRETARY)
    return user


def good_record(member: Member, year: int = 2026, **overrides) -> Member:
    """What 优秀共青团员 asks of a member: an 优秀 review, 20 volunteer hours, dues paid."""
    MemberYear.objects.update_or_create(
        member=member,
        year=year,
        defaults={
            "review_result": overrides.pop("review_result", ReviewResult.EXCELLENT),
            "volunteer_hours": overrides.pop("volunteer_hours", Decimal(24)),
        },
    )
    member.dues_paid_until = overrides.pop("dues_paid_until", timezone.localdate())
    for field, value in overrides.items():
        setattr(member, field, value)
    member.save()
    return member


def campaign_for(world, *, judges=None, codes=None, **values) -> Campaign:
    today = timezone.localdate()
    campaign = services.campaign_create(
        org=world.committee,
        title=values.pop("title", "2026年度五四评优"),
        year=values.pop("year", 2027),
        cutoff_date=values.pop("cutoff_date", today),
        deadline=values.pop("deadline", today + datetime.timedelta(days=20)),
        notice=values.pop("notice", "请各团支部认真组织推荐。"),
        judges=judges
        if judges is not None
        else [world.committee_secretary, world.reviewer_1, world.reviewer_2],
        by=world.committee_secretary,
        codes=codes,
    )
    return campaign


def category(campaign: Campaign, code: str) -> Category:
    return campaign.categories.get(code=code)


def act(case, name, user, action, opinion="", data=None):
    entry_act = services.campaign_act if isinstance(case, Campaign) else services.nomination_act
    result = entry_act(
        task=open_task(case, name), by=user, action=action, opinion=opinion, data=data
    )
    case.refresh_from_db()
    return result


def timers_fire(case, *, publicity: bool = False) -> None:
    """Move the deadline (or the 公示) into the past and fire the due timers."""
    from viewflow.workflow.timers import fire_due_timers

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    if publicity:
        Publicity.objects.for_case(case).update(ends_on=yesterday)
    else:
        Campaign.objects.filter(pk=case.pk).update(deadline=yesterday)
    Task.objects.filter(process_id=case.process_id, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )
    fire_due_timers()
    case.refresh_from_db()


def approved(nomination: Nomination, world) -> Nomination:
    """Through the branch (when self-nominated) and the committee."""
    if nomination.status == "submitted":
        act(nomination, "branch_review", world.secretary_a, "approve", "同意推荐")
    act(nomination, "committee_review", world.reviewer_1, "approve", "同意")
    return nomination


def vote_all(campaign: Campaign, votes: dict[int, bool] | None = None, score=None) -> None:
    """Every judge casts: ``votes`` by nomination id (default for), or a score for all."""
    for judge in campaign.judges.all():
        mine = panel.ballot_sheet(campaign=campaign, user=judge)[0]
        entries = {
            n.pk: {"score": score}
            if score is not None
            else {"approve": (votes or {}).get(n.pk, True)}
            for n in mine
        }
        panel.ballot_cast(campaign=campaign, by=judge, entries=entries)


def to_party_review(world, capture):
    """A campaign carried to its 党委审定 with 吉𠮷 (branch A) shortlisted for 优秀共青团员, the
    on-commit work done as it goes; returns the campaign, the nomination and the party
    secretary who decides next."""
    party = party_secretary(world)
    good_record(world.applicant)
    campaign = campaign_for(world, codes=["excellent_member"])
    with capture(execute=True):
        services.campaign_open(campaign=campaign, by=world.committee_secretary)
        nomination = services.nomination_submit(
            category=category(campaign, "excellent_member"),
            by=world.applicant_user,
            member=world.applicant,
            deeds="抗疫一线志愿服务。",
        )
        approved(nomination, world)
        timers_fire(campaign)
        vote_all(campaign)
        act(campaign, "panel", world.committee_secretary, "publish_shortlist", "评审通过")
        timers_fire(campaign, publicity=True)
    return campaign, nomination, party


def appoint(org, username: str, name: str, role=Role.SECRETARY, **dates):
    """A new user holding ``role`` in ``org`` (from 2020 unless ``start_date`` is given)."""
    user = UserFactory(username=username, first_name=name)
    AppointmentFactory(user=user, org=org, role=role, **dates)
    return user
