"""Counting an election: meeting validity, void ballots and who is elected.

Pure functions, no database: the FSM conditions and the services call them, and the boundary
tests run without a database. Candidates are identified by any hashable key (their id).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

from workflows.wording import fraction_text

MAJORITY = Fraction(1, 2)


@dataclass(frozen=True)
class BallotCount:
    """One round of voting as the tellers report it."""

    should_attend: int  # voters who should attend (留团察看 members excluded)
    present: int  # voters present
    issued: int  # ballots handed out
    returned: int  # ballots collected
    void: int  # ballots void (e.g. more names marked than seats)
    seats: int  # places to fill in this round
    votes: Mapping[Hashable, int]  # 赞成 per candidate
    names: Mapping[Hashable, str] = field(default_factory=dict)  # for messages


@dataclass(frozen=True)
class CountRules:
    quorum: Fraction  # voters present must be MORE than should_attend × quorum
    # 赞成 must be MORE than present × majority; None in a re-vote among tied candidates, where
    # the most votes win.
    majority: Fraction | None = MAJORITY


@dataclass(frozen=True)
class Outcome:
    problems: list[str]  # why the round is invalid; empty when valid
    elected: list[Hashable] = field(default_factory=list)  # by votes, highest first
    tied: list[Hashable] = field(default_factory=list)  # tied at the cut: re-vote among them
    tie_places: int = 0  # places the tied candidates compete for
    shortfall: int = 0  # places left unfilled

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def kind(self) -> str:
        if not self.valid:
            return "invalid"
        if self.tied:
            return "tie"
        if self.shortfall:
            return "shortfall"
        return "elected"


def ballot_is_void(marks: Sequence[Hashable], seats: int) -> bool:
    """A ballot marking more names than there are seats is void (so is marking one twice)."""
    return len(marks) > seats or len(set(marks)) != len(marks)


def ballots_tally(
    ballots: Iterable[Sequence[Hashable]], seats: int
) -> tuple[int, int, dict[Hashable, int]]:
    """Count individual ballots: (returned, void, 赞成 per candidate) from the valid ones."""
    returned, void, votes = 0, 0, Counter()
    for marks in ballots:
        returned += 1
        if ballot_is_void(marks, seats):
            void += 1
        else:
            votes.update(marks)
    return returned, void, dict(votes)


def count_violations(count: BallotCount, rules: CountRules) -> list[str]:
    """Why the round cannot stand, each naming the rule and the numbers."""
    numbers = [count.should_attend, count.present, count.issued, count.returned, count.void]
    if min([*numbers, *count.votes.values()], default=0) < 0:
        return [_("人数和票数不能为负数")]
    problems = []
    if count.seats <= 0:
        return [_("本轮应选名额必须大于 0")]
    if count.should_attend <= 0:
        problems.append(_("应到会有选举权的团员人数必须大于 0"))
    if count.present > count.should_attend:
        problems.append(
            _("实到会 %(present)s 人，超过应到会 %(should_attend)s 人")
            % {"present": count.present, "should_attend": count.should_attend}
        )
    if count.present <= count.should_attend * rules.quorum:
        problems.append(
            _("到会 %(present)s 人，未超过应到会 %(should_attend)s 人的%(fraction)s，选举无效")
            % {
                "present": count.present,
                "should_attend": count.should_attend,
                "fraction": fraction_text(rules.quorum),
            }
        )
    if count.issued > count.present:
        problems.append(
            _("发出选票 %(issued)s 张，多于到会有选举权的 %(present)s 人")
            % {"issued": count.issued, "present": count.present}
        )
    if count.returned > count.issued:
        problems.append(
            _("收回选票 %(returned)s 张，多于发出选票 %(issued)s 张，选举无效")
            % {"returned": count.returned, "issued": count.issued}
        )
    if count.void > count.returned:
        problems.append(
            _("废票 %(void)s 张，多于收回选票 %(returned)s 张")
            % {"void": count.void, "returned": count.returned}
        )
    valid = count.returned - count.void
    for key, votes in count.votes.items():
        if votes > valid:
            problems.append(
                _("%(candidate)s 得 %(votes)s 票，多于有效选票 %(valid)s 张")
                % {"candidate": count.names.get(key, key), "votes": votes, "valid": valid}
            )
    if sum(count.votes.values()) > valid * count.seats:
        problems.append(
            _(
                "得票合计 %(total)s，超过有效选票 %(valid)s 张 × 应选 %(seats)s 名；"
                "所选人数多于应选名额的选票应作废票"
            )
            % {"total": sum(count.votes.values()), "valid": valid, "seats": count.seats}
        )
    return problems


def count_outcome(count: BallotCount, rules: CountRules) -> Outcome:
    """Who is elected: 赞成 > half of the voters present; more than seats → by votes; a tie at
    the cut → the tied go to a re-vote; too few → a shortfall for the rulebook's remedy."""
    problems = count_violations(count, rules)
    if problems:
        return Outcome(problems=problems)
    line = None if rules.majority is None else count.present * rules.majority
    qualifying = sorted(
        (key for key, votes in count.votes.items() if line is None or votes > line),
        key=lambda key: -count.votes[key],
    )
    if len(qualifying) <= count.seats:
        return Outcome(problems=[], elected=qualifying, shortfall=count.seats - len(qualifying))
    cut = count.votes[qualifying[count.seats - 1]]
    above = [key for key in qualifying if count.votes[key] > cut]
    at_cut = [key for key in qualifying if count.votes[key] == cut]
    places = count.seats - len(above)
    if len(at_cut) > places:
        return Outcome(problems=[], elected=above, tied=at_cut, tie_places=places)
    return Outcome(problems=[], elected=above + at_cut)


def outcome_reason(count: BallotCount, rules: CountRules, key: Hashable, name: str) -> str:
    """One candidate's line in the result: votes and whether they cleared the majority."""
    votes = count.votes.get(key, 0)
    values = {"name": name, "votes": votes, "present": count.present}
    if rules.majority is None:
        return _("%(name)s 得票 %(votes)s") % values
    values["fraction"] = fraction_text(rules.majority)
    if votes > count.present * rules.majority:
        return _("%(name)s 赞成 %(votes)s 票，超过实到会 %(present)s 人的%(fraction)s") % values
    return _("%(name)s 赞成 %(votes)s 票，未超过实到会 %(present)s 人的%(fraction)s") % values
