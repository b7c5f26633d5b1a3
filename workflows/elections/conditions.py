"""FSM conditions of an Election and a TermChange, each paired with the words that explain a
refusal. Services ask the ``*_problems`` functions first so people read which rule failed."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from workflows.org.models import Role, Standing
from workflows.rules.selectors import ResolvedRules
from workflows.wording import list_text

from .ballot import CountRules
from .plan import Person, SizeRules, competition_problems, people_problems, seats_problems


def rules_of(case) -> ResolvedRules:
    return ResolvedRules.from_snapshot(case.rules_snapshot)


def size_rules_of(election) -> SizeRules:
    rules = rules_of(election)
    return SizeRules(
        committee_min_members=rules.int("committee_min_members"),
        size_min=rules.int("committee_size_min"),
        size_max=rules.int("committee_size_max"),
        hard_max=rules.int("committee_size_hard_max"),
        competition_ratio=rules.fraction("competition_ratio"),
    )


def count_rules_of(election, *, majority: bool = True) -> CountRules:
    rules = CountRules(quorum=rules_of(election).fraction("quorum_fraction"))
    return rules if majority else CountRules(quorum=rules.quorum, majority=None)


def first_review_status(rules: ResolvedRules) -> str:
    """Where a 请示 goes first: the party organisation when the rulebook says so."""
    from .models import Status

    if rules.flag("party_reviews_plan"):
        return Status.PARTY_REVIEW
    return Status.PLAN_REVIEW


# 请示.
def _person(member, branch_id: int) -> Person:
    return Person(
        key=member.pk,
        name=member.name,
        in_branch=member.branch_id == branch_id and member.is_active,
        good_standing=member.standing == Standing.GOOD,
    )


def plan_problems(election) -> list[str]:
    rules = size_rules_of(election)
    candidates = [c.member for c in election.candidates.all()]
    scrutineers, tellers = list(election.scrutineers.all()), list(election.tellers.all())
    staff = [*scrutineers, *tellers]
    problems = seats_problems(branch_size=election.branch_size, seats=election.seats, rules=rules)
    problems += competition_problems(
        seats=election.seats, candidates=len(candidates), ratio=rules.competition_ratio
    )
    problems += people_problems(
        candidates=[_person(m, election.org_id) for m in candidates],
        scrutineers=[_person(m, election.org_id) for m in staff],
    )
    if not scrutineers:
        problems.append(_("请指定监票人"))
    if not tellers:
        problems.append(_("请指定计票人"))
    if not election.org.issuer_mark:
        problems.append(
            _("%(branch)s未设置发文机关代字，请示无法编发文字号（在组织管理中填写）")
            % {"branch": election.org.name}
        )
    return problems


def plan_valid(election) -> bool:
    return not plan_problems(election)


# The meeting.
def latest_round(election):
    return election.rounds.order_by("-recorded_at", "-pk").first()


def round_is(outcome: str):
    def condition(election) -> bool:
        latest = latest_round(election)
        return latest is not None and latest.outcome == outcome

    condition.__name__ = f"round_is_{outcome}"
    return condition


def round_setup(election) -> tuple[str, list, int, bool]:
    """The next round's kind, its candidates, its places and whether it needs a majority,
    from the status: a re-vote is among the tied only, and the most votes win."""
    from .models import RoundKind, Status

    remaining = election.seats - elected_count(election)
    if election.status == Status.REVOTE:
        tied = latest_round(election).votes.filter(tied=True)
        return RoundKind.REVOTE, [v.candidate for v in tied], remaining, False
    unelected = list(election.candidates.filter(elected=False))
    if election.status == Status.SHORTFALL:
        return RoundKind.RE_ELECT, unelected, remaining, True
    return RoundKind.FIRST, unelected, remaining, True


def elected_count(election) -> int:
    return election.candidates.filter(elected=True).count()


def seats_problems_on_reduce(election) -> list[str]:
    rules = rules_of(election)
    if rules.text("shortfall_remedy") != "reduce_seats":
        return [_("规则规定当选人数不足应选名额时对不足名额另行选举，不能减少名额")]
    elected = elected_count(election)
    minimum = rules.int("committee_size_min") if election.seats > 1 else 1
    if elected < minimum:
        return [
            _("当选 %(elected)s 名，少于最少 %(minimum)s 名，须另行选举")
            % {"elected": elected, "minimum": minimum}
        ]
    return []


def seats_reducible(election) -> bool:
    return not seats_problems_on_reduce(election)


# The first committee meeting.
def officers_problems(election) -> list[str]:
    officers = list(election.officers.all())
    elected = list(election.candidates.filter(elected=True))
    if not officers:
        return [_("尚未记录委员会分工")]
    problems = []
    secretaries = [o for o in officers if o.role == Role.SECRETARY]
    if len(secretaries) != 1:
        problems.append(_("书记应为 1 名，记录了 %(count)s 名") % {"count": len(secretaries)})
    deputies = [o for o in officers if o.role == Role.DEPUTY_SECRETARY]
    if len(deputies) > 1:
        problems.append(_("副书记至多 1 名，记录了 %(count)s 名") % {"count": len(deputies)})
    not_elected = [o.candidate.member.name for o in officers if not o.candidate.elected]
    if not_elected:
        problems.append(_("%(names)s 未当选委员，不能任职") % {"names": list_text(not_elected)})
    assigned = {o.candidate_id for o in officers}
    unassigned = [c.member.name for c in elected if c.pk not in assigned]
    if unassigned:
        problems.append(_("当选委员 %(names)s 尚未分工") % {"names": list_text(unassigned)})
    return problems


def officers_valid(election) -> bool:
    return not officers_problems(election)


def _round_problems(election) -> list[str]:
    latest = latest_round(election)
    if latest is None:
        return [_("尚未录入计票结果")]
    return list(latest.problems)


EXPLANATIONS = {
    "plan_approve": (plan_problems,),
    "resubmit": (plan_problems,),
    "round_invalid": (_round_problems,),
    "round_elected": (_round_problems,),
    "round_tie": (_round_problems,),
    "round_shortfall": (_round_problems,),
    "seats_reduce": (seats_problems_on_reduce,),
    "officers_assign": (officers_problems,),
    "result_approve": (officers_problems,),
}


def election_problems(election, transition: str) -> list[str]:
    return [
        problem for explain in EXPLANATIONS.get(transition, ()) for problem in explain(election)
    ]


# Postponing or advancing a term.
def term_change_problems(change) -> list[str]:
    months = rules_of(change).int("postpone_max_months")
    ends_on = change.term.ends_on
    earliest, latest = (
        ends_on - relativedelta(months=months),
        ends_on + relativedelta(months=months),
    )
    if earliest <= change.due_after <= latest:
        return []
    return [
        _(
            "申请换届日期 %(due)s 超出任期届满日 %(ends_on)s 前后 %(months)s 个月"
            "（%(earliest)s 至 %(latest)s）"
        )
        % {
            "due": change.due_after,
            "ends_on": ends_on,
            "months": months,
            "earliest": earliest,
            "latest": latest,
        }
    ]


def term_change_within_cap(change) -> bool:
    return not term_change_problems(change)
