#!/usr/bin/env python
"""Benchmarks against a scratch database: page server time and query counts as cases grow
(beside stock viewflow's inbox, queue and archive over the same flows and data), approvals per
second through the HTTP stack, PDF render time, a gunicorn worker's memory, and peak memory.

    make bench                                   # SQLite scratch file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/league_approvals make bench
    .venv/bin/python scripts/benchmark.py --cases 5000 --approvals 500

Prints its figures; it asserts nothing. The database is created fresh and dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings_test")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

User = get_user_model()


def build(cases: int):
    from workflows.org.models import Appointment, Member, Organization, OrgKind, Role
    from workflows.party_recommendation.models import Round, Track
    from workflows.party_recommendation.services import application_submit
    from workflows.rules.services import rulebook_create

    # One branch holds every benchmark case: lift the 20% quota so every approval is legal.
    rulebook_create(
        process="party_recommendation",
        settings={"quota_percent": 100},
        effective_from=datetime.date(2020, 1, 1),
        by=None,
    )
    party = Organization.objects.create(name="委党委", kind=OrgKind.PARTY_COMMITTEE)
    committee = Organization.objects.create(
        name="委团委", kind=OrgKind.LEAGUE_COMMITTEE, parent=party, issuer_mark="卫团"
    )
    party_branch = Organization.objects.create(
        name="党支部", kind=OrgKind.PARTY_BRANCH, parent=party
    )
    branch = Organization.objects.create(
        name="心内科团支部", kind=OrgKind.BRANCH, parent=committee, party_org=party_branch
    )
    secretary = User.objects.create_user("bench_shuji", password="x", first_name="书记")
    Appointment.objects.create(
        user=secretary, org=branch, role=Role.SECRETARY, start_date=datetime.date(2020, 1, 1)
    )
    round_ = Round.objects.create(
        branch=branch,
        track=Track.ACTIVIST,
        title="基准批次",
        meeting_date=timezone.localdate(),
        created_by=secretary,
    )
    users = User.objects.bulk_create([User(username=f"m{i}") for i in range(cases)])
    members = Member.objects.bulk_create(
        [
            Member(
                user=user,
                name=f"团员{i}",
                gender="女",
                birth_date=datetime.date(2000, 1, 1),
                league_join_date=datetime.date(2015, 5, 4),
                party_application_date=datetime.date(2024, 1, 1),
                branch=branch,
                id_number="310101200001010020",
            )
            for i, user in enumerate(users)
        ]
    )
    return secretary, round_, members, application_submit


def grow(state, target: int, done: int) -> int:
    _, round_, members, submit = state
    for member in members[done:target]:
        submit(member=member, round=round_, statement="基准测试", by=member.user)
    return target


def page_figures(client: Client, url: str, repeat: int = 15) -> tuple[float, int]:
    client.get(url)
    timings = []
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return statistics.median(timings), len(captured)


# Stock viewflow's own lists over the same flows (scripts/bench_viewflow_urls.py), beside ours.
STOCK_PAGES = {
    "engine:inbox": "/stock/workflow/inbox/",
    "engine:queue": "/stock/workflow/queue/",
    "engine:archive": "/stock/workflow/archive/",
}


def stock_column(client: Client, name: str, ms: float, repeat: int) -> str:
    """The same list in stock viewflow: its time and ours as a share of it."""
    if name not in STOCK_PAGES:
        return ""
    stock_ms, stock_queries = page_figures(client, STOCK_PAGES[name], repeat=repeat)
    return f"{stock_ms:>12.1f}{stock_queries:>8}{ms / stock_ms:>8.2f}"


def approvals_per_second(client: Client, count: int) -> float:
    from viewflow.workflow.models import Task

    tasks = list(
        Task.objects.filter(flow_task_type="HUMAN", status="ASSIGNED").values_list("pk", flat=True)[
            :count
        ]
    )
    start = time.perf_counter()
    for pk in tasks:
        response = client.post(
            reverse("engine:task", args=[pk]), {"action": "approve", "opinion": "同意"}
        )
        assert response.status_code == 302, response.status_code
    return len(tasks) / (time.perf_counter() - start)


@contextmanager
def gunicorn_serving(*, workers: int):
    """gunicorn on loopback, as configured by gunicorn.conf.py, against the benchmark's
    database; yields its port and process."""
    import http.client
    import subprocess

    settings_dict = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        ),
        "DJANGO_SETTINGS_MODULE": "project.settings_test",
        "DEBUG": "false",
        "WEB_WORKERS": str(workers),
        "WEB_ACCESS_LOG": "",
    }
    port = 8765
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        for _ in range(100):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                probe.request("GET", "/accounts/login/")
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        yield port, server
    finally:
        server.terminate()
        server.wait()


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def worker_memory(user, requests: int) -> str:
    """RSS of one gunicorn worker after ``requests`` mixed page and API requests of ``user``."""
    import http.client

    from rest_framework.authtoken.models import Token

    from workflows.party_recommendation.models import Application

    if connection.vendor != "postgresql":
        return "工作进程内存测试需要 PostgreSQL（DATABASE_URL），已跳过"
    browser = Client()
    browser.force_login(user)
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    token, _created = Token.objects.get_or_create(user=user)
    case = Application.objects.order_by("-pk").first()
    pages = [
        reverse("home"),
        reverse("engine:inbox"),
        reverse("engine:queue"),
        reverse("engine:archive"),
        reverse("engine:case_list"),
        case.get_absolute_url(),
        reverse("audit:event_list"),
        reverse("audit:case_search"),
        reverse("audit:analytics"),
    ]
    api = ["/api/v1/tasks/", "/api/v1/cases/", "/api/v1/audit/events/"]
    with gunicorn_serving(workers=1) as (port, server):
        (worker,) = _children(server.pid)
        started = _rss_mb(worker)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        statuses = []
        for index in range(requests):
            every = pages + api
            path = every[index % len(every)]
            headers = {"Authorization": f"Token {token.key}"} if path in api else {"Cookie": cookie}
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
        after = _rss_mb(worker)
    failed = len([status for status in statuses if status != 200])
    return (
        f"gunicorn 工作进程内存：启动后 {started:.0f} MB，{requests} 次混合请求（页面与 API）后 "
        f"{after:.0f} MB；非 200 响应 {failed} 次"
    )


def http_approvals(secretary, count: int, workers: int = 2, threads: int = 8) -> str:
    """Approve ``count`` tasks through gunicorn over loopback, each one sent twice at once.

    Every task must end approved exactly once: one 200 and one 409 per pair, one opinion and
    one status change per case. Needs PostgreSQL (gunicorn workers share the database).
    """
    import http.client
    import json
    import queue
    import threading

    from rest_framework.authtoken.models import Token
    from viewflow.workflow.models import Task

    from workflows.audit.models import AuditEvent
    from workflows.engine.models import Opinion
    from workflows.party_recommendation.models import Application, Status

    if connection.vendor != "postgresql":
        return "HTTP 审批压测需要 PostgreSQL（DATABASE_URL），已跳过"
    token = Token.objects.create(user=secretary).key
    pks = list(
        Task.objects.filter(flow_task_type="HUMAN", status="ASSIGNED", owner=secretary)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    with gunicorn_serving(workers=workers) as (port, _server):
        work: queue.Queue = queue.Queue()
        for pk in pks:
            work.put(pk)
            work.put(pk)
        statuses: list[int] = []

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            body = json.dumps({"opinion": "同意"})
            headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
            while True:
                try:
                    pk = work.get_nowait()
                except queue.Empty:
                    return
                conn.request("POST", f"/api/v1/tasks/{pk}/approve/", body, headers)
                response = conn.getresponse()
                response.read()
                statuses.append(response.status)

        start = time.perf_counter()
        pool = [threading.Thread(target=client) for _ in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        elapsed = time.perf_counter() - start

    approved = statuses.count(200)
    cases = Application.objects.filter(process__task__pk__in=pks)
    lost = len(pks) - cases.filter(status=Status.BRANCH_APPROVED).count()
    opinions = Opinion.objects.filter(task_id__in=pks, decision="approve").count()
    transitions = AuditEvent.objects.filter(
        action="case.transition", case_id__in=cases.values("pk"), after="待团员大会表决"
    ).count()
    doubled = (opinions - len(pks)) + (transitions - len(pks))
    others = len(statuses) - approved - statuses.count(409)
    return (
        f"HTTP 审批（gunicorn {workers} 进程 × 4 线程，{threads} 个并发客户端，"
        "每个待办重复提交两次）："
        f"{approved / elapsed:.0f} 次/秒；成功 {approved}，重复被拒 {statuses.count(409)}，"
        f"其他 {others}；丢失 {lost}，重复生效 {doubled}"
    )


def scale_up(secretary, target_tasks: int) -> dict:
    """Add closed history until the task table holds ``target_tasks`` rows (PostgreSQL).

    Copies of a real case's process and tasks, as rejected cases of a second branch under the
    same committee, whose secretary owns their human tasks: the benchmark secretary's own
    scope stays small, the committee secretary's spans everything, the second secretary's
    archive is huge.
    """
    from viewflow.workflow.models import Task

    from workflows.org.models import Appointment, Member, Organization, OrgKind, Role
    from workflows.party_recommendation.models import Application

    template = Application.objects.filter(process__isnull=False).order_by("pk").first()
    branch = template.org
    committee = branch.parent
    other = Organization.objects.create(
        name="外科团支部", kind=OrgKind.BRANCH, parent=committee, party_org=branch.party_org
    )
    other_secretary = User.objects.create_user("bench_waike", password="x")
    committee_secretary = User.objects.create_user("bench_tuanwei", password="x")
    for user, org in ((other_secretary, other), (committee_secretary, committee)):
        Appointment.objects.create(
            user=user, org=org, role=Role.SECRETARY, start_date=datetime.date(2020, 1, 1)
        )
    subject = Member.objects.create(
        name="历史团员", gender="男", birth_date=datetime.date(1990, 1, 1), branch=other
    )
    per_process = Task.objects.filter(process_id=template.process_id).count()
    processes = max(0, (target_tasks - Task.objects.count()) // per_process)
    params = {
        "n": processes,
        "template": template.process_id,
        "owner": other_secretary.pk,
        "org": other.pk,
        "path": other.path,
        "subject": subject.pk,
        "applicant": other_secretary.pk,
        "round": template.round_id,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM viewflow_process")
        params["before"] = cursor.fetchone()[0]
        cursor.execute(
            """INSERT INTO viewflow_process (flow_class, status, created, finished, data)
               SELECT p.flow_class, 'DONE', now() - make_interval(secs => g), now(), '{}'
               FROM viewflow_process p, generate_series(1, %(n)s) g WHERE p.id = %(template)s""",
            params,
        )
        cursor.execute(
            """INSERT INTO viewflow_task (flow_task, flow_task_type, status, created, started,
                   finished, token, owner_id, owner_permission, owner_permission_obj_pk,
                   process_id, data)
               SELECT t.flow_task, t.flow_task_type, 'DONE', p.created, p.created, p.created,
                   t.token, CASE WHEN t.owner_id IS NULL THEN NULL ELSE %(owner)s END,
                   t.owner_permission, t.owner_permission_obj_pk, p.id, '{}'
               FROM viewflow_process p CROSS JOIN viewflow_task t
               WHERE p.id > %(before)s AND t.process_id = %(template)s""",
            params,
        )
        cursor.execute(
            """INSERT INTO party_recommendation_application (reference, org_path, rules_snapshot,
                   created_at, updated_at, track, statement, status, submitted_at, applicant_id,
                   org_id, process_id, subject_id, round_id)
               SELECT 'S' || p.id, %(path)s, '{}', p.created, p.created, 'activist', '',
                   'rejected', p.created, %(applicant)s, %(org)s, p.id, %(subject)s, %(round)s
               FROM viewflow_process p WHERE p.id > %(before)s""",
            params,
        )
        cursor.execute("ANALYZE")
    return {
        "本支部书记": secretary,
        "团委书记": committee_secretary,
        "外科书记（归档大）": other_secretary,
    }


SCALED_PAGES = (
    "engine:inbox",
    "engine:queue",
    "engine:archive",
    "engine:case_list",
    "audit:event_list",
    "audit:case_search",
    "audit:analytics",
)


def scaled_figures(secretary, target_tasks: int) -> None:
    from viewflow.workflow.models import Task

    if connection.vendor != "postgresql":
        print("大规模测试需要 PostgreSQL（DATABASE_URL），已跳过")
        return
    users = scale_up(secretary, target_tasks)
    print(f"任务表 {Task.objects.count()} 行：")
    print(
        f"{'用户':<14}{'页面':<10}{'中位耗时ms':>12}{'查询数':>8}"
        f"{'viewflow ms':>12}{'查询数':>8}{'比值':>8}"
    )
    for label, user in users.items():
        client = Client()
        client.force_login(user)
        for name in SCALED_PAGES:
            ms, queries = page_figures(client, reverse(name), repeat=7)
            stock = stock_column(client, name, ms, repeat=7)
            print(f"{label:<14}{name.split(':')[1]:<10}{ms:>12.1f}{queries:>8}{stock}")
        # The page above shows kept figures; counting them afresh is the first visit's cost.
        ms, queries = page_figures(client, reverse("audit:analytics") + "?recount=1", repeat=3)
        print(f"{label:<14}{'analytics（重新统计）':<10}{ms:>12.1f}{queries:>8}")


def pdf_median(repeat: int = 30) -> float:
    from workflows.documents.rendering import pdf_render

    context = {
        "title": "推荐优秀共青团员作入党积极分子人选登记表",
        "reference": "TY2026-00001",
        "member": {
            "name": "吉𠮷",
            "gender": "女",
            "birth": "2000年1月",
            "ethnicity": "汉族",
            "education": "大学本科",
            "league_join": "2015年5月",
            "party_application": "2024年1月1日",
            "league_post": "团员",
            "department": "心内科",
            "id_number": "3101**********0020",
        },
        "branch": "心内科团支部",
        "statement": "积极参加志愿服务。" * 20,
        "branch_opinion": {"vote": "应到50人，实到40人，赞成30人", "text": "同意", "by": "陈支书"},
        "committee_opinion": {"text": "同意推荐", "date": "2026年11月25日"},
        "verification": {
            "url": "http://127.0.0.1:8000/v/ABCDEFGH/",
            "short_code": "ABCDEFGH",
            "qr_svg": "",
        },
    }
    template = "party_recommendation/pdf/registration_form.html"
    pdf_render(template=template, context=context)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        pdf_render(template=template, context=context)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def election_figures(state) -> None:
    """A branch election whose outgoing secretary holds every open 推优 task: how long the
    approval takes that moves them all to the new secretary, the 换届 dashboard, the 请示 PDF."""
    from workflows.documents.rendering import pdf_render
    from workflows.elections import pdf
    from workflows.elections.services import CandidateEntry, Plan, election_act, election_submit
    from workflows.org.models import Appointment, Organization, Role
    from workflows.org.selectors import role_holder

    secretary, round_, members, _ = state
    branch = round_.branch
    Organization.objects.filter(pk=branch.pk).update(issuer_mark="心内团支")
    branch.refresh_from_db()
    reviewer = User.objects.create_user("bench_zuzhi", password="x", first_name="组织委员")
    Appointment.objects.create(
        user=reviewer,
        org=branch.parent,
        role=Role.ORGANIZATION_MEMBER,
        start_date=datetime.date(2020, 1, 1),
    )
    candidates, counters = members[:6], members[6:8]
    election = election_submit(
        branch=branch,
        plan=Plan(
            meeting_date=timezone.localdate(),
            place="会议室",
            agenda="选举",
            seats=5,
            method="direct",
            candidates=[CandidateEntry(member=m, resume="简历") for m in candidates],
            scrutineers=counters[:1],
            tellers=counters[1:],
        ),
        by=secretary,
    )

    def step(name: str, user, action: str, data=None) -> float:
        task = election.process.task_set.get(flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"])
        assert task.flow_task.name == name
        start = time.perf_counter()
        election_act(task=task, by=user, action=action, opinion="同意", data=data)
        return time.perf_counter() - start

    voters = len(members)
    ids = {c.member_id: c.pk for c in election.candidates.all()}
    votes = {ids[m.pk]: voters - 1 - i for i, m in enumerate(candidates[:5])}
    step("plan_review", reviewer, "approve")
    counted = step(
        "meeting",
        secretary,
        "record_round",
        {
            "attended": [m.pk for m in members],
            "issued": voters,
            "returned": voters,
            "void": 0,
            "votes": votes,
        },
    )
    roles = ["secretary", "deputy_secretary", "organization_member"] + ["committee_member"] * 2
    officers = [{"member": m.pk, "role": r} for m, r in zip(candidates, roles, strict=False)]
    step("first_committee_meeting", secretary, "assign_officers", {"officers": officers})
    step("report", secretary, "submit_report")
    from viewflow.workflow.models import Task

    waiting = Task.objects.filter(owner=secretary, status="ASSIGNED").count()
    # The approval commits before its tasks move: hold the commit to time the two apart.
    with transaction.atomic():
        approval = step("result_review", reviewer, "approve")
        start = time.perf_counter()
    rerouted = time.perf_counter() - start
    moved = Task.objects.filter(owner=candidates[0].user, status="ASSIGNED").count()
    assert (
        role_holder(role=Role.SECRETARY, org=branch, on=timezone.localdate()) == candidates[0].user
    )
    print(f"换届计票（{voters} 名团员名册）：{counted * 1000:.0f} ms")
    print(
        f"换届批复：新委员会任职 {approval:.1f} s；其后的移交作业移交 {moved}/{waiting} 个待办 "
        f"{rerouted:.1f} s"
    )
    client = Client()
    client.force_login(reviewer)
    ms, queries = page_figures(client, reverse("elections:dashboard"))
    print(f"换届看板：{ms:.1f} ms，{queries} 次查询")
    context = {
        **pdf.request_context(election, by=election.applicant),
        "verification": {"short_code": "ABCDEFGH"},
    }
    pdf_render(template="pdf/official.html", context=context)
    timings = []
    for _ in range(10):
        start = time.perf_counter()
        pdf_render(template="pdf/official.html", context=context)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"换届请示（公文格式）PDF 中位耗时：{statistics.median(timings):.0f} ms")


def award_figures(state, certificates: int) -> None:
    """A campaign with ``certificates`` awardees: the campaign page, then every 荣誉证书
    rendered, stored and registered as the decision's batch job does it."""
    from workflows.awards.models import Campaign, Category, Nomination
    from workflows.awards.presets import category_presets
    from workflows.documents.tasks import documents_render
    from workflows.rules.selectors import rules_resolve

    secretary, round_, members, _ = state
    committee = round_.branch.parent
    rules = rules_resolve(process="award", org=committee, on=timezone.localdate())
    campaign = Campaign.objects.create(
        reference="PY-BENCH",
        org=committee,
        org_path=committee.path,
        applicant=secretary,
        title="基准五四评优",
        year=timezone.localdate().year + 1,
        cutoff_date=timezone.localdate(),
        deadline=timezone.localdate(),
        notice="基准",
        status="decided",
        rules_snapshot=rules.snapshot(),
    )
    preset = category_presets(rules)[2]
    category = Category.objects.create(campaign=campaign, **preset)
    nominations = Nomination.objects.bulk_create(
        Nomination(
            reference=f"PX-BENCH-{i}",
            org=members[i % len(members)].branch,
            org_path=members[i % len(members)].branch.path,
            subject=members[i % len(members)],
            applicant=secretary,
            campaign=campaign,
            category=category,
            quota_unit=members[i % len(members)].branch,
            nominated_by="branch",
            deeds="事迹",
            status="awarded",
            rules_snapshot=campaign.rules_snapshot,
        )
        for i in range(certificates)
    )
    client = Client()
    # The committee's 组织委员 (from the election above) runs the campaign.
    client.force_login(User.objects.get(username="bench_zuzhi"))
    ms, queries = page_figures(client, reverse("awards:campaign", args=[campaign.pk]), repeat=5)
    print(f"评优主页（{certificates} 份推荐）：{ms:.1f} ms，{queries} 次查询")
    start = time.perf_counter()
    issued = documents_render(
        builder="award_certificates",
        ids=[n.pk for n in nominations],
        by_id=secretary.pk,
    )
    elapsed = time.perf_counter() - start
    each = elapsed * 1000 / max(issued, 1)
    print(f"荣誉证书批量出具：{issued} 份 {elapsed:.1f} s（{each:.0f} ms/份）")


def audit_export_figures(org, rows: int) -> None:
    """``rows`` audit events written straight to the table (the chain is not the point here),
    then the auditor's XLSX export of them all: time and the export's own peak memory."""
    import tracemalloc

    from workflows.audit.exports import events_xlsx
    from workflows.audit.models import AuditEvent

    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                actor_name="吉𠮷",
                org=org,
                org_path=org.path,
                case_label=f"TY-{i} 吉𠮷",
                action="opinion.add",
                opinion="同意推荐。" * 10,
                prev_hash=f"b{i:063d}",
                hash=f"x{i:063d}",
            )
            for i in range(rows)
        ),
        batch_size=5000,
    )
    auditor = User.objects.create_superuser("bench_jijian", password="x")
    start = time.perf_counter()
    with events_xlsx(events=AuditEvent.objects.all(), reader=auditor) as file:
        size = file.seek(0, os.SEEK_END)
    elapsed = time.perf_counter() - start
    # Traced apart: tracing every allocation slows the export several times over.
    tracemalloc.start()
    first = AuditEvent.objects.order_by("pk").values_list("pk", flat=True).first()
    tenth_of_them = AuditEvent.objects.filter(pk__lt=first + rows // 10)
    with events_xlsx(events=tenth_of_them, reader=auditor):
        tenth = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.reset_peak()
    with events_xlsx(events=AuditEvent.objects.all(), reader=auditor):
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    count = AuditEvent.objects.count()
    print(
        f"审计事件导出 XLSX（{count} 行，{size / 1024 / 1024:.1f} MB）：{elapsed:.1f} s；"
        f"导出峰值内存 {peak:.0f} MB（十分之一的行：{tenth:.0f} MB）"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--approvals", type=int, default=300)
    parser.add_argument("--http-approvals", type=int, default=500)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=203, help="青年文明号 collectives")
    parser.add_argument("--members", type=int, default=10000, help="rows of a member sheet")
    parser.add_argument(
        "--audit-rows", type=int, default=100_000, help="audit events exported to XLSX"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--scale-tasks", type=int, default=0, help="then grow the task table to this many rows"
    )
    parser.add_argument(
        "--worker-requests", type=int, default=2000, help="mixed requests before a worker's RSS"
    )
    args = parser.parse_args()

    setup_test_environment()
    # The project's URLs plus stock viewflow's lists, for the comparison columns.
    override_settings(ROOT_URLCONF="bench_viewflow_urls").enable()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"数据库 {connection.vendor}；案件规模 {args.cases}")
        state = build(args.cases)
        client = Client()
        client.force_login(state[0])
        print(
            f"{'页面':<10}{'案件数':>8}{'中位耗时ms':>12}{'查询数':>8}"
            f"{'viewflow ms':>12}{'查询数':>8}{'比值':>8}"
        )
        done = 0
        for size in sorted({max(1, args.cases // 100), args.cases // 10, args.cases}):
            done = grow(state, size, done)
            from workflows.party_recommendation.models import Application

            detail = Application.objects.order_by("pk").first().get_absolute_url()
            for name, url in [
                ("queue", reverse("engine:queue")),
                ("inbox", reverse("engine:inbox")),
                ("case_list", reverse("engine:case_list")),
                ("detail", detail),
                ("audit", reverse("audit:event_list")),
                ("search", reverse("audit:case_search")),
                ("analytics", reverse("audit:analytics")),
            ]:
                ms, queries = page_figures(client, url)
                stock = stock_column(client, f"engine:{name}", ms, repeat=15)
                print(f"{name:<10}{size:>8}{ms:>12.1f}{queries:>8}{stock}")
        rate = approvals_per_second(client, args.approvals)
        print(f"审批吞吐（单进程、进程内 HTTP 栈）：{rate:.0f} 次/秒")
        print(http_approvals(state[0], args.http_approvals))
        print(f"一页登记表 PDF 中位耗时：{pdf_median():.0f} ms")
        if args.scale_tasks:
            scaled_figures(state[0], args.scale_tasks)
        # The committee secretary of the scaled data reads the most; else the branch's.
        reader = User.objects.filter(username="bench_tuanwei").first() or state[0]
        print(worker_memory(reader, args.worker_requests))
        election_figures(state)
        award_figures(state, args.certificates)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"进程峰值内存（至此）：{peak:.0f} MB")
        from bench_posts import post_figures

        post_figures(state[1].branch.parent, args.posts, page_figures)
        from bench_members import member_import_figures

        member_import_figures(state[1].branch.parent, args.members)
        audit_export_figures(state[1].branch, args.audit_rows)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"进程峰值内存：{peak:.0f} MB")
    finally:
        if args.keep:
            print(f"保留数据库：{connection.settings_dict['NAME']}")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
