"""Rules of a collective decision (会议研究): quorum, ballots, and the pass line.

Pure functions, no database: the FSM conditions and the services both call them, and the
boundary tests run without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .fractions import fraction_text


@dataclass(frozen=True)
class Tally:
    should_attend: int
    present: int
    ballots: int
    votes_for: int
    votes_against: int
    votes_abstain: int


@dataclass(frozen=True)
class MeetingRules:
    quorum: Fraction  # present must be MORE than should_attend × quorum
    pass_line: Fraction  # votes_for must be MORE than should_attend × pass_line


def tally_violations(tally: Tally, rules: MeetingRules) -> list[str]:
    """Why the meeting record itself is invalid (not whether the candidate passed)."""
    problems = []
    if min(vars(tally).values()) < 0:
        return ["人数和票数不能为负数"]
    if tally.should_attend <= 0:
        problems.append("应到会人数必须大于 0")
    if tally.present > tally.should_attend:
        problems.append(f"实到会 {tally.present} 人，超过应到会 {tally.should_attend} 人")
    if tally.present <= tally.should_attend * rules.quorum:
        problems.append(
            f"到会 {tally.present} 人，未超过应到会 {tally.should_attend} 人的"
            f"{fraction_text(rules.quorum)}，会议无效"
        )
    if tally.ballots > tally.present:
        problems.append(f"收回选票 {tally.ballots} 张，多于实到会 {tally.present} 人")
    cast = tally.votes_for + tally.votes_against + tally.votes_abstain
    if cast > tally.ballots:
        problems.append(
            f"赞成 {tally.votes_for} + 反对 {tally.votes_against} + 弃权 {tally.votes_abstain}"
            f" = {cast}，多于收回选票 {tally.ballots} 张"
        )
    return problems


def tally_passes(tally: Tally, rules: MeetingRules) -> bool:
    return tally.votes_for > tally.should_attend * rules.pass_line


def tally_outcome_text(tally: Tally, rules: MeetingRules) -> str:
    line = fraction_text(rules.pass_line)
    if tally_passes(tally, rules):
        return f"赞成 {tally.votes_for} 票，超过应到会 {tally.should_attend} 人的{line}，通过"
    return f"赞成 {tally.votes_for} 票，未超过应到会 {tally.should_attend} 人的{line}，未通过"
