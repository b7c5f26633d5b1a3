"""Writes on branch terms: starting a term, postponing or advancing the election, reminders."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.bounds import PROCESS_DATES
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.facts import BRANCH_TERM_DUE_ON, fact_provide
from workflows.engine.services.acting import task_act
from workflows.engine.services.cases import case_register, case_transition
from workflows.engine.services.notifications import notification_send
from workflows.org.models import Appointment, Organization, OrgKind, Role
from workflows.org.selectors import acting_user_ids, role_holders
from workflows.rules.selectors import rules_resolve
from workflows.wording import site_language

from . import conditions
from .models import OPEN, Election, Term, TermChange, TermChangeKind
from .selectors import leads_branch

PROCESS_KEY = "election"


def term_years(*, branch: Organization, on: datetime.date) -> int:
    rules = rules_resolve(process=PROCESS_KEY, org=branch, on=on)
    return rules.int("student_term_years" if branch.is_student else "term_years")


def term_start(
    *,
    branch: Organization,
    starts_on: datetime.date,
    election: Election | None,
    by: AbstractBaseUser | None,
) -> Term:
    """Open a new term for ``branch`` from ``starts_on``, closing the current one."""
    if branch.kind != OrgKind.BRANCH:
        raise CaseError(_("只有团支部登记任期"))
    PROCESS_DATES.check(starts_on, _("本届任期开始日期"))
    years = term_years(branch=branch, on=starts_on)
    ends_on = starts_on + relativedelta(years=years)
    with transaction.atomic():
        Term.objects.select_for_update().filter(branch=branch, ended_on__isnull=True).update(
            ended_on=starts_on
        )
        term = Term.objects.create(
            branch=branch,
            starts_on=starts_on,
            years=years,
            ends_on=ends_on,
            due_on=ends_on,
            election=election,
        )
        audit_record(
            action="term.create",
            by=by,
            org=branch,
            case=election,
            after=_("%(start)s 至 %(end)s（%(years)s 年）")
            % {"start": starts_on, "end": ends_on, "years": years},
            data={"term": term.pk},
        )
    return term


def term_change_request(
    *, term: Term, due_after: datetime.date, reason: str, by: AbstractBaseUser
) -> TermChange:
    """The branch asks to hold its election on ``due_after``; the committee decides."""
    from .flows import TermChangeFlow

    branch = term.branch
    today = timezone.localdate()
    if not leads_branch(user=by, branch=branch, on=today):
        raise NotAllowed(_("只有团支部书记或副书记可以申请延期或提前换届"))
    if term.ended_on is not None:
        raise CaseError(_("该任期已结束"))
    if not reason.strip():
        raise CaseError(_("请说明延期或提前换届的理由"))
    PROCESS_DATES.check(due_after, _("申请换届日期"))
    if due_after == term.due_on:
        raise CaseError(_("申请日期与现应换届日期 %(due)s 相同") % {"due": term.due_on})
    rules = rules_resolve(process=PROCESS_KEY, org=branch, on=today)
    change = TermChange(
        org=branch,
        org_path=branch.path,
        applicant=by,
        term=term,
        kind=TermChangeKind.POSTPONE if due_after > term.due_on else TermChangeKind.ADVANCE,
        due_before=term.due_on,
        due_after=due_after,
        reason=reason.strip(),
        rulebook=rules.rulebook,
        rules_snapshot=rules.snapshot(),
    )
    problems = conditions.term_change_problems(change)
    if problems:
        raise RuleViolation(problems)
    with transaction.atomic():
        with site_language():
            kind = change.get_kind_display()
        case_register(
            case=change,
            prefix="YQ",
            by=by,
            after=f"{kind}：{change.due_before} → {change.due_after}",
            opinion=change.reason,
        )
        TermChangeFlow.start.run(case=change)
    return change


def term_change_approve(change, *, by, opinion, **_rest):
    case_transition(case=change, transition="change_approve", by=by, opinion=opinion)
    term = Term.objects.select_for_update().get(pk=change.term_id)
    before = term.due_on
    term.due_on = change.due_after
    term.reminded_on = None
    term.save(update_fields=["due_on", "reminded_on"])
    audit_record(
        action="term.change",
        by=by,
        org=term.branch,
        case=change,
        before=str(before),
        after=str(term.due_on),
        opinion=opinion,
    )


def term_change_refuse(change, *, by, opinion, **_rest):
    case_transition(case=change, transition="change_refuse", by=by, opinion=opinion)


def term_remind(*, term: Term, by: AbstractBaseUser | None, on: datetime.date) -> int:
    """Tell the branch secretary that the term is due; returns how many were told."""
    secretaries = role_holders(role=Role.SECRETARY, org=term.branch, on=on) or role_holders(
        role=Role.DEPUTY_SECRETARY, org=term.branch, on=on
    )
    if term.due_on < on:
        text = _("换届提醒：%(branch)s本届任期应于 %(due)s 换届，已逾期 %(days)s 天") % {
            "branch": term.branch.name,
            "due": term.due_on,
            "days": (on - term.due_on).days,
        }
    else:
        text = _("换届提醒：%(branch)s本届任期将于 %(due)s 届满，请及时报送换届请示") % {
            "branch": term.branch.name,
            "due": term.due_on,
        }
    with transaction.atomic():
        notification_send(users=secretaries, text=text, url=reverse("elections:new"))
        Term.objects.filter(pk=term.pk).update(reminded_on=on)
        audit_record(action="term.remind", by=by, org=term.branch, after=text)
    return len(secretaries)


def _remind_due(term: Term, on: datetime.date) -> bool:
    """Once a month while the term nears its end, once a week after it is overdue."""
    if term.reminded_on is None:
        return True
    interval = 7 if term.due_on < on else 30
    return (on - term.reminded_on).days >= interval


def terms_remind() -> int:
    """Daily job: remind every branch whose term ends within the rulebook's notice period."""
    on = timezone.localdate()
    sent = 0
    running = Election.objects.filter(status__in=OPEN).values("org_id")
    terms = (
        Term.objects.filter(ended_on__isnull=True)
        .exclude(branch_id__in=running)
        .select_related("branch")
    )
    for term in terms:
        months = rules_resolve(process=PROCESS_KEY, org=term.branch, on=on).int("remind_months")
        if term.due_on <= on + relativedelta(months=months) and _remind_due(term, on):
            sent += term_remind(term=term, by=None, on=on)
    return sent


def _committee_officer(user: AbstractBaseUser, branch: Organization) -> bool:
    """Someone holding an office in a unit above ``branch`` (its committee and up)."""
    on = timezone.localdate()
    above = [org.pk for org in branch.ancestors()]
    return (
        user.is_superuser
        or Appointment.objects.on(on)
        .filter(org_id__in=above, user_id__in=acting_user_ids(user=user, on=on))
        .exists()
    )


def term_register(*, branch: Organization, starts_on: datetime.date, by: AbstractBaseUser) -> Term:
    """A committee records when a branch's current term began (for branches new to the system)."""
    if not _committee_officer(by, branch):
        raise NotAllowed(_("只有上级团组织可以登记团支部任期"))
    if starts_on > timezone.localdate():
        raise CaseError(_("任期开始日期 %(date)s 晚于今天") % {"date": starts_on})
    if Term.objects.filter(branch=branch, ended_on__isnull=True).exists():
        raise CaseError(_("%(branch)s已登记本届任期") % {"branch": branch.name})
    return term_start(branch=branch, starts_on=starts_on, election=None, by=by)


def term_remind_by(*, term: Term, by: AbstractBaseUser) -> int:
    """A committee member reminds the branch from the dashboard."""
    if not _committee_officer(by, term.branch):
        raise NotAllowed(_("只有上级团组织可以发送换届提醒"))
    return term_remind(term=term, by=by, on=timezone.localdate())


# The entry point of the term-change step; declared in process.py.
term_change_act = task_act


def term_due_on(*, org: Organization) -> datetime.date | None:
    term = Term.objects.filter(branch=org, ended_on__isnull=True).first()
    return term.due_on if term else None


# Other processes (评优's 按期换届 condition) ask for this through the engine, not our models.
fact_provide(BRANCH_TERM_DUE_ON, term_due_on)
