"""青年文明号 at the seed's scale, for ``benchmark.py``: the seed's 203 collectives in 13 review
groups, every one applying; how long 互检互查 assignment, a score sheet, the committee's page,
the assessment and the plaques take, and whether the page's query count grows with applicants."""

from __future__ import annotations

import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.civilization_posts.helpers import act, timers_fire

User = get_user_model()
GROUPS = 13
ROSTER = 15


def _collectives(committee, groups, count: int, prefix: str):
    from workflows.civilization_posts.models import Collective, CollectiveMember

    leaders = User.objects.bulk_create(
        User(username=f"bench_{prefix}{n}", first_name=f"号长{n}") for n in range(count)
    )
    collectives = Collective.objects.bulk_create(
        Collective(
            name=f"基准集体{prefix}{n}",
            kind="department",
            org=committee,
            org_path=committee.path,
            group=groups[n % GROUPS],
        )
        for n in range(count)
    )
    born = timezone.localdate().replace(year=timezone.localdate().year - 30)
    CollectiveMember.objects.bulk_create(
        CollectiveMember(
            collective=collective,
            name=f"{collective.name}成员{m}",
            gender="女",
            birth_date=born,
            role="leader" if m == 0 else "member",
            role_order=0 if m == 0 else 2,
            user=leaders[n] if m == 0 else None,
        )
        for n, collective in enumerate(collectives)
        for m in range(ROSTER)
    )
    return collectives


def _act(cycle, by, name: str, action: str, data=None) -> float:
    start = time.perf_counter()
    act(cycle, name, by, action, "同意", data or {})
    return time.perf_counter() - start


def _applied(cycle, collectives, by):
    """Filed and qualified, as the unit and committee reviews leave them (their own steps are
    measured with the other processes)."""
    from workflows.civilization_posts.models import Filing, PostApplication

    rubric = cycle.rubric_version()
    common = {"applicant": by, "cycle": cycle, "rules_snapshot": cycle.rules_snapshot}
    Filing.objects.bulk_create(
        Filing(
            reference=f"WB-BENCH-{c.pk}",
            org=c.org,
            org_path=c.org_path,
            collective=c,
            plan="规划",
            targets="目标",
            carriers="载体",
            slogan="口号",
            pledge="承诺",
            status="filed",
            **common,
        )
        for c in collectives
    )
    return PostApplication.objects.bulk_create(
        PostApplication(
            reference=f"WS-BENCH-{c.pk}",
            org=c.org,
            org_path=c.org_path,
            collective=c,
            rubric=rubric,
            summary="总结",
            self_scores={item.code: str(item.max) for item in rubric.rubric.items},
            self_total=rubric.rubric.max,
            status="qualified",
            **common,
        )
        for c in collectives
    )


def _cycle_under_review(committee, groups, secretary, count: int, prefix: str):
    from workflows.civilization_posts import services

    collectives = _collectives(committee, groups, count, prefix)
    today = timezone.localdate()
    start_year = today.year if today.year % 2 else today.year - 1
    cycle = services.cycle_create(
        org=committee,
        title=f"基准青年文明号创建评审{prefix}",
        start_year=start_year,
        filing_deadline=today,
        # 申报 closes within the cycle's second year, even when run in late December.
        application_deadline=min(
            today + datetime.timedelta(days=30), datetime.date(start_year + 1, 12, 31)
        ),
        notice="基准",
        by=secretary,
    )
    services.cycle_open(cycle=cycle, by=secretary)
    timers_fire(cycle, "filing_deadline")
    _act(cycle, secretary, "open_applications", "open_applications")
    _applied(cycle, collectives, secretary)
    timers_fire(cycle, "application_deadline")
    return cycle, _act(cycle, secretary, "start_peer_review", "start_peer_review")


def _scored(cycle, share: float) -> list[float]:
    from workflows.civilization_posts import peer_review
    from workflows.civilization_posts.models import PeerReview

    reviews = list(PeerReview.objects.filter(application__cycle=cycle).select_related("reviewer"))
    rubric = cycle.rubric_version().rubric
    sheet = {item.code: str(item.max - item.max % 2) for item in rubric.items}
    timings = []
    for review in reviews[: int(len(reviews) * share)]:
        start = time.perf_counter()
        peer_review.review_submit(application=review.application, by=review.reviewer, scores=sheet)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def post_figures(committee, count: int, page_figures) -> None:
    from workflows.civilization_posts.models import PeerReview, ReviewGroup
    from workflows.org.models import Appointment, Role

    secretary = User.objects.create_user("bench_tw", password="x", first_name="团委书记")
    Appointment.objects.create(
        user=secretary, org=committee, role=Role.SECRETARY, start_date=datetime.date(2020, 1, 1)
    )
    groups = ReviewGroup.objects.bulk_create(
        ReviewGroup(committee=committee, name=f"第{n + 1}小组", order=n) for n in range(GROUPS)
    )
    client = Client()
    client.force_login(secretary)
    for size in (GROUPS * 3, count):
        cycle, seconds = _cycle_under_review(committee, groups, secretary, size, f"{size}-")
        assigned = PeerReview.objects.filter(application__cycle=cycle).count()
        timings = _scored(cycle, 0.95)
        url = reverse("civilization_posts:cycle", args=[cycle.pk])
        ms, queries = page_figures(client, url, 5)
        print(
            f"{size} 个申报、{GROUPS} 个小组：分配 {assigned} 份评分任务（含抄送、通知）"
            f" {seconds:.1f} s；提交一份评分中位 {statistics.median(timings):.0f} ms；"
            f"届期主页（互检互查结果）{ms:.0f} ms，{queries} 次查询"
        )
    seconds = _act(cycle, secretary, "assessment", "publish_assessment", {"allow_missing": True})
    print(f"团委评定并发布公示（{count} 个）：{seconds:.1f} s")
    timers_fire(cycle)
    seconds = _act(cycle, secretary, "recognise", "issue_recognition")
    print(f"命名决定及 {count} 份牌匾证书（批量出具）：{seconds:.1f} s")
    ms, queries = page_figures(client, reverse("civilization_posts:recognitions"), 5)
    print(f"青年文明号名录（{count} 个）：{ms:.0f} ms，{queries} 次查询")
