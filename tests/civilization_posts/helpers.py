"""Building collectives and driving a 青年文明号 cycle through its steps in tests, with the
services the pages use."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from viewflow.workflow.models import Task

from tests.cases import open_task
from tests.factories import UserFactory
from workflows.civilization_posts import peer_review, services, yearly
from workflows.civilization_posts.models import (
    Collective,
    CollectiveMember,
    Cycle,
    Filing,
    PostApplication,
    ReviewGroup,
    YearlyReview,
)
from workflows.engine.models import Publicity

TODAY = timezone.localdate


def born(age: int, *, on: datetime.date | None = None, days_after: int = 0) -> datetime.date:
    """A birth date that makes someone ``age`` on ``on`` (today): their birthday was
    ``days_after`` days ago in that year."""
    on = on or TODAY()
    birthday = on - datetime.timedelta(days=days_after)
    return birthday.replace(year=birthday.year - age)


def collective_with(
    org,
    name: str,
    *,
    members: int = 10,
    young: int | None = None,
    leader_age: int = 34,
    leader: str | None = None,
    group: ReviewGroup | None = None,
) -> Collective:
    """A collective of ``members`` people (the 号长 included), ``young`` of them aged 35 or
    under (all by default); the 号长 has an account named ``leader`` when given."""
    young = members if young is None else young
    collective = Collective.objects.create(name=name, kind="department", org=org, group=group)
    user = UserFactory(username=leader, first_name=f"{name}号长") if leader else None
    CollectiveMember.objects.create(
        collective=collective,
        name=f"{name}号长",
        gender="女",
        birth_date=born(leader_age),
        role="leader",
        user=user,
    )
    leader_young = leader_age <= 35
    others_young = young - (1 if leader_young else 0)
    for index in range(members - 1):
        age = 26 if index < others_young else 45
        CollectiveMember.objects.create(
            collective=collective,
            name=f"{name}成员{index + 1}",
            gender="男" if index % 2 else "女",
            birth_date=born(age),
        )
    return collective


def full_scores(rubric, points: str | None = None) -> dict[str, str]:
    """Every item at its maximum (or at ``points`` each)."""
    return {item.code: points or str(item.max) for item in rubric.items}


def scores_totalling(rubric, total: Decimal) -> dict[str, str]:
    """A sheet adding up to ``total``: full marks, less what is left taken off item by item."""
    sheet = {item.code: item.max for item in rubric.items}
    short = rubric.max - Decimal(total)
    for item in rubric.items:
        cut = min(short, item.max)
        sheet[item.code] -= cut
        short -= cut
    return {code: str(value) for code, value in sheet.items()}


def cycle_for(world, **values) -> Cycle:
    today = TODAY()
    return services.cycle_create(
        org=world.committee,
        title=values.pop("title", "2025—2026年度青年文明号创建评审"),
        start_year=values.pop("start_year", 2025),
        filing_deadline=values.pop("filing_deadline", today + datetime.timedelta(days=10)),
        application_deadline=values.pop(
            "application_deadline", today + datetime.timedelta(days=30)
        ),
        notice=values.pop("notice", "请各单位认真组织创建。"),
        by=world.committee_secretary,
    )


ACTORS = {
    Cycle: services.cycle_act,
    Filing: services.filing_act,
    PostApplication: services.application_act,
    YearlyReview: yearly.yearly_review_act,
}


def act(case, name, user, action, opinion="", data=None):
    result = ACTORS[type(case)](
        task=open_task(case, name), by=user, action=action, opinion=opinion, data=data
    )
    case.refresh_from_db()
    return result


def timers_fire(cycle: Cycle, field: str | None = None) -> int:
    """Move ``field`` (a deadline) or the latest 公示 into the past and fire the due timers."""
    from viewflow.workflow.timers import fire_due_timers

    yesterday = TODAY() - datetime.timedelta(days=1)
    if field is None:
        Publicity.objects.for_case(cycle).update(ends_on=yesterday)
    else:
        type(cycle).objects.filter(pk=cycle.pk).update(**{field: yesterday})
    Task.objects.filter(process_id=cycle.process_id, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )
    fired = fire_due_timers()
    cycle.refresh_from_db()
    return fired


def filed(world, cycle, collective, by) -> Filing:
    """创建备案 sent by ``by`` and carried through to 已备案."""
    filing = services.filing_submit(
        cycle=cycle,
        collective=collective,
        plan="三年创建规划：规范服务、提升质量。",
        targets="患者满意度达到 98% 以上。",
        carriers="青年志愿服务岗、技能练兵。",
        slogan="青春守护生命",
        pledge="微笑服务，零投诉。",
        by=by,
    )
    if filing.status == "submitted":
        act(filing, "unit_review", world.secretary_a, "approve", "同意")
    act(filing, "committee_file", world.reviewer_1, "approve", "予以备案")
    return filing


def applied(world, cycle, collective, by, scores=None) -> PostApplication:
    """申报 sent by ``by`` and carried through the unit and the committee's 资格审查."""
    rubric = cycle.rubric_version().rubric
    application = services.application_submit(
        cycle=cycle,
        collective=collective,
        summary="两年来围绕优质服务开展创建。",
        scores=scores or full_scores(rubric, "4"),
        by=by,
    )
    if application.status == "submitted":
        act(application, "unit_review", world.secretary_a, "approve", "同意申报")
    act(application, "committee_check", world.reviewer_1, "approve", "资格审查通过")
    return application


def score_all(application, total: Decimal | None = None) -> None:
    """Every assigned reviewer submits a sheet (full marks unless ``total`` is given)."""
    rubric = application.rubric.rubric
    for review in application.peer_reviews.filter(submitted_at__isnull=True):
        sheet = scores_totalling(rubric, total) if total is not None else full_scores(rubric)
        peer_review.review_submit(application=application, by=review.reviewer, scores=sheet)
