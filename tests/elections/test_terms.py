"""Terms: length from the rulebook, postponement within the cap, reminders to the secretary."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from tests.cases import open_task
from tests.factories import OrganizationFactory
from workflows.audit.models import AuditEvent
from workflows.elections import terms
from workflows.elections.models import Term, TermChangeStatus
from workflows.engine.errors import NotAllowed, RuleViolation
from workflows.engine.models import Notification

pytestmark = pytest.mark.django_db


def term_due_in(world, days: int, branch=None) -> Term:
    branch = branch or world.branch_a
    due = timezone.localdate() + datetime.timedelta(days=days)
    return terms.term_start(
        branch=branch, starts_on=due - relativedelta(years=3), election=None, by=None
    )


def test_term_length_from_the_rulebook_student_branches_one_year(world):
    term = terms.term_start(
        branch=world.branch_a, starts_on=datetime.date(2025, 9, 1), election=None, by=None
    )
    assert (term.years, term.ends_on, term.due_on) == (
        3,
        datetime.date(2028, 9, 1),
        datetime.date(2028, 9, 1),
    )
    student = OrganizationFactory(name="医学院团支部", parent=world.committee, is_student=True)
    term = terms.term_start(
        branch=student, starts_on=datetime.date(2025, 9, 1), election=None, by=None
    )
    assert (term.years, term.ends_on) == (1, datetime.date(2026, 9, 1))


def test_postponement_within_six_months_needs_the_committee(world):
    from workflows.elections.terms import term_change_act

    term = term_due_in(world, 30)
    change = terms.term_change_request(
        term=term,
        due_after=term.ends_on + relativedelta(months=6),
        reason="科室搬迁",
        by=world.secretary_a,
    )
    assert change.kind == "postpone" and change.status == TermChangeStatus.REQUESTED
    task = open_task(change, "review")
    term_change_act(task=task, by=world.reviewer_1, action="approve", opinion="同意延期")
    term.refresh_from_db()
    assert term.due_on == term.ends_on + relativedelta(months=6)
    event = AuditEvent.objects.get(action="term.change")
    assert event.after == str(term.due_on)


def test_postponement_beyond_six_months_is_refused_with_the_range(world):
    term = term_due_in(world, 30)
    with pytest.raises(RuleViolation) as caught:
        terms.term_change_request(
            term=term,
            due_after=term.ends_on + relativedelta(months=6, days=1),
            reason="延期",
            by=world.secretary_a,
        )
    earliest = term.ends_on - relativedelta(months=6)
    latest = term.ends_on + relativedelta(months=6)
    assert f"（{earliest} 至 {latest}）" in caught.value.messages[0]


def test_advancement_is_also_capped_and_only_the_branch_asks(world):
    term = term_due_in(world, 300)
    with pytest.raises(NotAllowed):
        terms.term_change_request(
            term=term, due_after=timezone.localdate(), reason="提前", by=world.secretary_b
        )
    change = terms.term_change_request(
        term=term,
        due_after=term.ends_on - relativedelta(months=3),
        reason="提前",
        by=world.secretary_a,
    )
    assert change.kind == "advance"


def test_reminders_go_to_the_secretary_monthly_then_weekly_when_overdue(world, monkeypatch):
    soon = term_due_in(world, 60)
    term_due_in(world, 200, branch=world.branch_b)  # not yet within three months
    assert terms.terms_remind() == 1
    note = Notification.objects.get(user=world.secretary_a)
    assert "将于" in note.text and str(soon.due_on) in note.text
    assert terms.terms_remind() == 0  # once a month, not every sweep
    Term.objects.filter(pk=soon.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=3),
        reminded_on=timezone.localdate() - datetime.timedelta(days=7),
    )
    assert terms.terms_remind() == 1
    assert "已逾期 3 天" in Notification.objects.filter(user=world.secretary_a).first().text
    assert AuditEvent.objects.filter(action="term.remind").count() == 2


def test_no_reminder_while_an_election_is_under_way(world, people):
    from tests.elections.helpers import submit

    term_due_in(world, 10)
    submit(world, people)
    assert terms.terms_remind() == 0


def test_timer_sweep_runs_the_term_reminders(world):
    from workflows.engine.services.timers import timers_sweep

    term_due_in(world, 10)
    assert timers_sweep().reminders_sent == 1
