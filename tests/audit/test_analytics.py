import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.cases import act, open_task, to_committee_review
from tests.factories import MemberFactory
from workflows.audit.analytics import (
    Scope,
    cycle_times,
    decision_rates,
    monthly_throughput,
    overdue_by_unit,
    percentile,
    quota_use,
    renewals_on_time,
    waiting_by_holder,
    waiting_by_step,
)
from workflows.elections.models import Term
from workflows.party_recommendation.services import application_submit

URL = reverse("audit:analytics")


def this_year(paths=("/",)) -> Scope:
    today = timezone.localdate()
    return Scope(paths=list(paths), start=today.replace(month=1, day=1), end=today)


def submit(world):
    """Another member of branch A applies in its round."""
    from workflows.party_recommendation.models import Round

    member = MemberFactory(branch=world.branch_a)
    return application_submit(
        member=member,
        round=Round.objects.get(branch=world.branch_a),
        statement="志愿服务。",
        by=member.user,
    )


@pytest.mark.parametrize(
    ("values", "median", "p90"),
    [
        ([], None, None),
        ([5.0], 5.0, 5.0),
        ([1.0, 2.0], 1.5, 1.9),
        ([1.0, 2.0, 3.0, 4.0], 2.5, 3.7),
        ([0.0] * 9 + [100.0], 0.0, 10.0),
    ],
)
def test_percentile_interpolates_between_the_nearest_two(values, median, p90):
    assert percentile(values, 0.5) == median
    assert percentile(values, 0.9) == pytest.approx(p90) if p90 is not None else True
    assert percentile(values, 0.9) is None if p90 is None else True


def _finish_at(task, *, hours: float) -> None:
    """Give ``task`` a known duration ending now (tasks finish within the test's second)."""
    finished = timezone.now()
    Task.objects.filter(pk=task.pk).update(
        created=finished - datetime.timedelta(hours=hours), finished=finished
    )


def test_cycle_time_per_step_is_median_and_p90_of_finished_tasks(world, submitted):
    durations = [24, 48, 72, 96]
    cases = [submitted] + [submit(world) for _ in range(3)]
    for case, hours in zip(cases, durations, strict=True):
        task = open_task(case, "branch_review")
        act(case, "branch_review", world.secretary_a, "approve", "符合条件")
        _finish_at(task, hours=hours)

    table = cycle_times(this_year())

    (row,) = [r for r in table.rows if r[0].endswith("团支部审核")]
    assert row[1:] == [4, 2.5, 3.7]
    assert not table.partial


def test_waiting_by_step_and_holder_count_open_tasks_and_the_oldest_age(world, submitted):
    Task.objects.filter(process_id=submitted.process_id).update(
        created=timezone.now() - datetime.timedelta(days=3)
    )
    submit(world)

    (step,) = waiting_by_step(this_year()).rows
    assert step[0].endswith("团支部审核") and step[1] == 2 and step[2] == 3.0
    holders = waiting_by_holder(this_year()).rows
    assert sum(row[1] for row in holders) == 2
    assert max(row[2] for row in holders) == 3.0


def test_overdue_counts_open_tasks_past_their_due_date_by_the_case_unit(world, submitted):
    task = open_task(submitted)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    Task.objects.filter(pk=task.pk).update(data={**task.data, "due_on": yesterday})
    later = open_task(submit(world))
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    Task.objects.filter(pk=later.pk).update(data={**later.data, "due_on": tomorrow})

    assert overdue_by_unit(this_year()).rows == [[world.branch_a.name, 1, yesterday]]


def test_throughput_counts_cases_created_and_finished_per_month(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "reject", "不符合条件")
    month = timezone.localdate().strftime("%Y-%m")

    rows = monthly_throughput(this_year()).rows

    assert [month, "推优入党", 1, 1] in rows


def test_decision_rates_count_returns_and_rejections_among_decisions(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充材料")
    other = submit(world)
    act(other, "branch_review", world.secretary_a, "reject", "不符合条件")
    third = submit(world)
    act(third, "branch_review", world.secretary_a, "approve", "符合条件")

    (row,) = decision_rates(this_year()).rows

    assert row == ["推优入党", 3, 1, 1, 33.3, 33.3]


def test_quota_use_reports_each_round_of_the_period(world, submitted):
    act(submitted, "branch_review", world.secretary_a, "approve", "符合条件")

    (row,) = quota_use(this_year()).rows

    # 50 league members at 20%: 10 places, one taken by the case the branch approved.
    assert row == ["推优入党", "2026年第一批推优", world.branch_a.name, 1, 10, 10.0]


def test_a_round_whose_cases_kept_no_rules_is_left_out_not_an_error(world, submitted):
    type(submitted).objects.filter(pk=submitted.pk).update(rules_snapshot={})

    assert quota_use(this_year()).rows == []


def test_renewals_on_time_compare_the_renewal_with_the_due_date(world):
    today = timezone.localdate()
    due = today - datetime.timedelta(days=1)
    for branch, ended in ((world.branch_a, due), (world.branch_b, None)):
        Term.objects.create(
            branch=branch,
            starts_on=due.replace(year=due.year - 3),
            years=3,
            ends_on=due,
            due_on=due,
            ended_on=ended,
        )

    table = renewals_on_time(Scope(paths=["/"], start=due, end=today))

    assert [row[0] for row in table.rows if row[3] == "是"] == [world.branch_a.name]
    assert "50.0%" in table.summary and "1 / 2" in table.summary


def test_a_branch_secretary_sees_only_their_branch(client, world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充材料")

    client.force_login(world.secretary_b)
    page = client.get(URL).content.decode()
    assert "推优入党·团支部审核" not in page
    assert "请补充" not in page

    client.force_login(world.secretary_a)
    page = client.get(URL).content.decode()
    assert "推优入党·团支部审核" in page
    assert 'data-testid="figure-cycle"' in page and "<svg" in page


def test_people_without_a_workspace_office_are_refused(client, world):
    client.force_login(world.applicant_user)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("audit:analytics_export", args=["cycle", "csv"])).status_code == 403


def test_export_writes_the_table_with_the_same_filters(client, world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充材料")
    client.force_login(world.committee_secretary)
    export = reverse("audit:analytics_export", args=["decisions", "csv"])

    body = client.get(export).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows == [
        ["流程", "审批决定数", "退回", "不同意（终止）", "退回率（%）", "不同意率（%）"],
        ["推优入党", "1", "1", "0", "100.0", "0.0"],
    ]
    last_year = timezone.localdate().year - 1
    filtered = client.get(export, {"start": f"{last_year}-01-01", "end": f"{last_year}-12-31"})
    assert list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))[1:] == []

    xlsx = client.get(reverse("audit:analytics_export", args=["decisions", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]] == ["推优入党", 1, 1, 0, 100, 0]
    assert client.get(reverse("audit:analytics_export", args=["nothing", "csv"])).status_code == 404


def test_page_query_count_does_not_grow_with_data(client, world, submitted):
    client.force_login(world.committee_secretary)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"recount": 1}).status_code == 200
        return len(queries)

    to_committee_review(world, submitted)
    few = count()
    for _ in range(4):
        case = submit(world)
        act(case, "branch_review", world.secretary_a, "return", "请补充材料")
    assert count() == few
    assert Task.objects.filter(status=STATUS.DONE).count() > 4


def test_figures_are_kept_with_their_time_until_someone_asks_for_a_recount(
    client, world, submitted
):
    client.force_login(world.committee_secretary)
    first = client.get(URL)
    act(submitted, "branch_review", world.secretary_a, "return", "请补充材料")

    kept = client.get(URL)
    recounted = client.get(URL, {"recount": 1})

    def decisions(response) -> list:
        return next(
            f["table"].rows for f in response.context["figures"] if f["table"].key == "decisions"
        )

    assert decisions(first) == decisions(kept) == []
    assert kept.context["counted_at"] == first.context["counted_at"]
    assert "统计于" in kept.content.decode()
    assert decisions(recounted) == [["推优入党", 1, 1, 0, 100.0, 0.0]]
    assert 'href="?recount=1"' in first.content.decode()
    assert "recount" not in recounted.context["query"]


def test_kept_figures_are_never_shown_to_another_scope(client, world, submitted):
    act(submitted, "branch_review", world.secretary_a, "return", "请补充材料")
    client.force_login(world.committee_secretary)
    assert "推优入党·团支部审核" in client.get(URL).content.decode()

    client.force_login(world.secretary_b)
    assert "推优入党·团支部审核" not in client.get(URL).content.decode()
