"""The committee's and the auditor's numbers over the cases of their organisation subtree.

Each figure is a ``Table`` (a header and rows) the page draws and the export writes, so both
always show the same numbers. Counting happens in the database, one query per figure (or per
kind of case), whatever the data size. Medians too, on PostgreSQL; a database without
percentile aggregates streams the step durations instead, at most ``DURATION_ROWS`` of them.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.engine.declaration import FlowSpec
from workflows.engine.figures import quota_use_for, term_renewals_for
from workflows.engine.models import Decision, Opinion
from workflows.engine.registry import process_for_flow, processes
from workflows.org.models import Organization
from workflows.org.selectors import path_filter

OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
# Step durations streamed for the medians where the database cannot take them; beyond this the
# page says the figure is partial.
DURATION_ROWS = 100_000
# People listed under "where cases wait": the busiest, the rest are in no bottleneck.
HOLDER_ROWS = 20
DECIDING = [Decision.APPROVE, Decision.REJECT, Decision.RETURN, Decision.RETURN_PREVIOUS]
RETURNS = [Decision.RETURN, Decision.RETURN_PREVIOUS]


@dataclass(frozen=True)
class Scope:
    """Whose cases, over which days (both included), of which process (None: every one)."""

    paths: list[str]
    start: datetime.date
    end: datetime.date
    entry: FlowSpec | None = None

    @property
    def since(self) -> datetime.datetime:
        return _midnight(self.start)

    @property
    def until(self) -> datetime.datetime:
        return _midnight(self.end + datetime.timedelta(days=1))

    @property
    def entries(self) -> list[FlowSpec]:
        return [self.entry] if self.entry is not None else processes()


@dataclass
class Table:
    key: str
    title: str | Promise
    header: list[str | Promise]
    rows: list[list[object]] = field(default_factory=list)
    # Only part of the data was read (more rows than DURATION_ROWS).
    partial: bool = False
    # One line over the whole table (the on-time rate), shown above it.
    summary: str = ""


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def percentile(values: list[float], fraction: float) -> float | None:
    """The ``fraction`` quantile of sorted ``values``, interpolated between the nearest two
    (the median of 1, 2, 3, 4 is 2.5); None for no values."""
    if not values:
        return None
    position = (len(values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 86400, 1)


def _human_tasks(scope: Scope) -> QuerySet[Task]:
    """Human tasks of the cases in ``scope``'s subtree, of its process if it names one."""
    # One subquery over every process's cases (a case's process is its own, so the ids never
    # collide): the database joins it once, where one IN per process joined by OR made it
    # probe every task against each list in turn.
    parts = [
        entry.case_model.objects.filter(path_filter(scope.paths, "org_path"))
        .order_by()
        .values("process_id")
        for entry in scope.entries
    ]
    processes_in_scope = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return Task.objects.filter(flow_task_type="HUMAN", process_id__in=processes_in_scope)


def _case_org_id(scope: Scope) -> Coalesce | Subquery:
    """The organisation of each task's case: each process keeps its cases in its own table."""
    models = list(dict.fromkeys(entry.case_model for entry in scope.entries))
    lookups = [
        Subquery(model.objects.filter(process_id=OuterRef("process_id")).values("org_id")[:1])
        for model in models
    ]
    return Coalesce(*lookups) if len(lookups) > 1 else lookups[0]


def _step_label(node) -> str:
    entry = process_for_flow(node.flow_class)
    return f"{entry.label}·{_(node.step) if getattr(node, 'spec', None) else node.name}"


def cycle_times(scope: Scope) -> Table:
    """Median and p90 days from a human task's creation to its finishing, per step, for the
    tasks finished in the period."""
    table = Table(
        "cycle",
        gettext_lazy("各环节办理时长"),
        [
            gettext_lazy("环节"),
            gettext_lazy("已办件数"),
            gettext_lazy("中位数（天）"),
            gettext_lazy("90% 分位（天）"),
        ],
    )
    finished = (
        _human_tasks(scope)
        .filter(status=STATUS.DONE, finished__gte=scope.since, finished__lt=scope.until)
        .order_by()
    )
    if connection.vendor == "postgresql":
        rows = _step_percentiles(finished)
    else:
        rows = _step_percentiles_streamed(finished, table)
    for node, count, median, p90 in rows:
        table.rows.append([_step_label(node), count, _days(median), _days(p90)])
    table.rows.sort(key=lambda row: (-(row[3] or 0), row[0]))
    return table


class _MedianAndP90(Aggregate):
    """PostgreSQL's interpolated median and 90th percentile of an expression, as a pair."""

    template = "percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = ArrayField(FloatField())


def _seconds_taken() -> Func:
    return Func(
        F("finished") - F("created"),
        template="EXTRACT(EPOCH FROM %(expressions)s)",
        output_field=FloatField(),
    )


def _step_percentiles(finished: QuerySet[Task]) -> list[tuple]:
    rows = (
        finished.values("flow_task")
        .annotate(count=Count("pk"), quantiles=_MedianAndP90(_seconds_taken()))
        .values_list("flow_task", "count", "quantiles")
    )
    return [(node, count, *quantiles) for node, count, quantiles in rows]


def _step_percentiles_streamed(finished: QuerySet[Task], table: Table) -> list[tuple]:
    durations: dict[object, list[float]] = defaultdict(list)
    rows = finished.values_list("flow_task", "created", "finished")
    for count, (node, created, done) in enumerate(rows[: DURATION_ROWS + 1].iterator(2000)):
        if count == DURATION_ROWS:
            table.partial = True
            break
        durations[node].append((done - created).total_seconds())
    result = []
    for node, values in durations.items():
        values.sort()
        result.append((node, len(values), percentile(values, 0.5), percentile(values, 0.9)))
    return result


def waiting_by_step(scope: Scope) -> Table:
    """Open human tasks per step, and how long the oldest has waited."""
    table = Table(
        "waiting_steps",
        gettext_lazy("待办积压（按环节）"),
        [gettext_lazy("环节"), gettext_lazy("待办件数"), gettext_lazy("最久等待（天）")],
    )
    now = timezone.now()
    rows = (
        _human_tasks(scope)
        .filter(status__in=OPEN)
        .order_by()
        .values("flow_task")
        .annotate(open=Count("pk"), oldest=Min("created"))
    )
    for row in rows:
        age = _days((now - row["oldest"]).total_seconds())
        table.rows.append([_step_label(row["flow_task"]), row["open"], age])
    table.rows.sort(key=lambda row: (-row[1], -row[2], row[0]))
    return table


def waiting_by_holder(scope: Scope) -> Table:
    """The people (or shared queues, unclaimed) holding the most open tasks."""
    table = Table(
        "waiting_holders",
        gettext_lazy("待办积压（按办理人）"),
        [gettext_lazy("办理人"), gettext_lazy("待办件数"), gettext_lazy("最久等待（天）")],
    )
    now = timezone.now()
    rows = (
        _human_tasks(scope)
        .filter(status__in=OPEN)
        .order_by()
        .values("owner_id", "owner__username", "owner__first_name", "owner__last_name")
        .annotate(open=Count("pk"), oldest=Min("created"))
        .order_by("-open", "oldest")[:HOLDER_ROWS]
    )
    for row in rows:
        if row["owner_id"] is None:
            name = _("（待认领）")
        else:
            full = f"{row['owner__first_name']} {row['owner__last_name']}".strip()
            name = full or row["owner__username"]
        table.rows.append([name, row["open"], _days((now - row["oldest"]).total_seconds())])
    return table


def overdue_by_unit(scope: Scope) -> Table:
    """Open human tasks past their due date, per unit of their case."""
    table = Table(
        "overdue",
        gettext_lazy("逾期待办（按单位）"),
        [gettext_lazy("单位"), gettext_lazy("逾期件数"), gettext_lazy("最早到期日")],
    )
    today = timezone.localdate().isoformat()
    rows = (
        _human_tasks(scope)
        .filter(status__in=OPEN)
        # As text: ISO dates order as strings (as the inbox's overdue filter compares them).
        .alias(due=Cast(KT("data__due_on"), CharField()))
        .filter(due__lt=today)
        .annotate(unit=_case_org_id(scope))
        .order_by()
        .values("unit")
        .annotate(overdue=Count("pk"), earliest=Min("due"))
    )
    rows = list(rows)
    names = Organization.objects.in_bulk([row["unit"] for row in rows])
    for row in rows:
        unit = names.get(row["unit"])
        table.rows.append([unit.name if unit else "—", row["overdue"], row["earliest"]])
    table.rows.sort(key=lambda row: (-row[1], row[0]))
    return table


def months_of(scope: Scope) -> list[str]:
    """Each month the period touches, as YYYY-MM."""
    months, day = [], scope.start.replace(day=1)
    while day <= scope.end:
        months.append(day.strftime("%Y-%m"))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def monthly_throughput(scope: Scope) -> Table:
    """Cases created and cases finished (the process ended) each month, per process."""
    table = Table(
        "throughput",
        gettext_lazy("每月办件量"),
        [
            gettext_lazy("月份"),
            gettext_lazy("流程"),
            gettext_lazy("新建"),
            gettext_lazy("办结"),
        ],
    )
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for entry in scope.entries:
        cases = entry.case_model.objects.filter(path_filter(scope.paths, "org_path")).order_by()
        created = (
            cases.filter(created_at__gte=scope.since, created_at__lt=scope.until)
            .annotate(month=TruncMonth("created_at"))
            .values("month")
            .annotate(n=Count("pk"))
        )
        finished = (
            cases.filter(process__finished__gte=scope.since, process__finished__lt=scope.until)
            .annotate(month=TruncMonth("process__finished"))
            .values("month")
            .annotate(n=Count("pk"))
        )
        for column, rows in enumerate((created, finished)):
            for row in rows:
                counts[(row["month"].strftime("%Y-%m"), str(entry.label))][column] += row["n"]
    labels = [str(entry.label) for entry in scope.entries]
    for month in months_of(scope):
        for label in labels:
            if (month, label) in counts:
                table.rows.append([month, label, *counts[(month, label)]])
    return table


def throughput_totals(table: Table, months: list[str]) -> dict[str, list[int]]:
    """The throughput table's created and finished cases per month, every process together."""
    created, finished = dict.fromkeys(months, 0), dict.fromkeys(months, 0)
    for month, _process, new, done in table.rows:
        created[month] += new
        finished[month] += done
    return {
        str(table.header[2]): list(created.values()),
        str(table.header[3]): list(finished.values()),
    }


def decision_rates(scope: Scope) -> Table:
    """Of the decisions taken in the period per process, how many returned or ended a case."""
    table = Table(
        "decisions",
        gettext_lazy("退回率与不同意率"),
        [
            gettext_lazy("流程"),
            gettext_lazy("审批决定数"),
            gettext_lazy("退回"),
            gettext_lazy("不同意（终止）"),
            gettext_lazy("退回率（%）"),
            gettext_lazy("不同意率（%）"),
        ],
    )
    types = ContentType.objects.get_for_models(*[entry.case_model for entry in scope.entries])
    of_cases = Q(pk__in=[])
    for entry in scope.entries:
        # A probe per opinion by the case's key: a list of every case in scope per process,
        # joined by OR, is read again for each opinion once it outgrows the sort memory.
        in_scope = entry.case_model.objects.filter(
            path_filter(scope.paths, "org_path"), pk=OuterRef("case_id")
        )
        of_cases |= Q(case_type=types[entry.case_model]) & Q(Exists(in_scope))
    rows = (
        Opinion.objects.filter(
            of_cases,
            decision__in=DECIDING,
            created_at__gte=scope.since,
            created_at__lt=scope.until,
        )
        .order_by()
        .values("case_type")
        .annotate(
            total=Count("pk"),
            returned=Count("pk", filter=Q(decision__in=RETURNS)),
            rejected=Count("pk", filter=Q(decision=Decision.REJECT)),
        )
    )
    by_type = {row["case_type"]: row for row in rows}
    for entry in scope.entries:
        row = by_type.get(types[entry.case_model].pk)
        if row is None:
            continue
        total = row["total"]
        table.rows.append(
            [
                str(entry.label),
                total,
                row["returned"],
                row["rejected"],
                _rate(row["returned"], total),
                _rate(row["rejected"], total),
            ]
        )
    return table


def _rate(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent, to one decimal; None of nothing."""
    return round(100 * part / whole, 1) if whole else None


def quota_use(scope: Scope) -> Table:
    """推优 and 评优 quota use per unit, as the processes report it."""
    table = Table(
        "quota",
        gettext_lazy("推优、评优名额使用"),
        [
            gettext_lazy("流程"),
            gettext_lazy("类别"),
            gettext_lazy("单位"),
            gettext_lazy("已用"),
            gettext_lazy("名额"),
            gettext_lazy("使用率（%）"),
        ],
    )
    for row in quota_use_for(paths=scope.paths, start=scope.start, end=scope.end):
        table.rows.append(
            [
                str(row.process),
                str(row.kind),
                row.unit,
                row.used,
                row.quota,
                _rate(row.used, row.quota),
            ]
        )
    return table


def renewals_on_time(scope: Scope) -> Table:
    """Terms that ended in the period: renewed by the end of the term, late, or not yet."""
    table = Table(
        "renewals",
        gettext_lazy("按期换届"),
        [
            gettext_lazy("单位"),
            gettext_lazy("任期届满日"),
            gettext_lazy("换届完成日"),
            gettext_lazy("按期"),
        ],
    )
    renewals = term_renewals_for(paths=scope.paths, start=scope.start, end=scope.end)
    on_time = sum(1 for row in renewals if row.on_time)
    if renewals:
        table.summary = _("按期换届率 %(rate)s%%（%(on_time)d / %(total)d）") % {
            "rate": _rate(on_time, len(renewals)),
            "on_time": on_time,
            "total": len(renewals),
        }
    for row in renewals:
        table.rows.append(
            [
                row.unit,
                row.term_ended_on.isoformat(),
                row.completed_on.isoformat() if row.completed_on else "—",
                _("是") if row.on_time else _("否"),
            ]
        )
    return table


FIGURES = {
    "cycle": cycle_times,
    "waiting_steps": waiting_by_step,
    "waiting_holders": waiting_by_holder,
    "overdue": overdue_by_unit,
    "throughput": monthly_throughput,
    "decisions": decision_rates,
    "quota": quota_use,
    "renewals": renewals_on_time,
}


def analytics_tables(scope: Scope, keys: Iterable[str] = FIGURES) -> list[Table]:
    return [FIGURES[key](scope) for key in keys]
