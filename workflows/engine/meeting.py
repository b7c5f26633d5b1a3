"""Rules of a collective decision (会议研究): quorum, ballots, and the pass line.

Pure functions, no database: the FSM conditions and the services both call them, and the
boundary tests run without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from workflows.wording import fraction_text

from .bounds import HEADCOUNT


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
        return [_("人数和票数不能为负数")]
    if max(vars(tally).values()) > HEADCOUNT.maximum:
        return [_("人数和票数不能超过 %(maximum)s") % {"maximum": HEADCOUNT.maximum}]
    if tally.should_attend <= 0:
        problems.append(_("应到会人数必须大于 0"))
    if tally.present > tally.should_attend:
        problems.append(
            _("实到会 %(present)s 人，超过应到会 %(should_attend)s 人")
            % {"present": tally.present, "should_attend": tally.should_attend}
        )
    if tally.present <= tally.should_attend * rules.quorum:
        problems.append(
            _("到会 %(present)s 人，未超过应到会 %(should_attend)s 人的%(fraction)s，会议无效")
            % {
                "present": tally.present,
                "should_attend": tally.should_attend,
                "fraction": fraction_text(rules.quorum),
            }
        )
    if tally.ballots > tally.present:
        problems.append(
            _("收回选票 %(ballots)s 张，多于实到会 %(present)s 人")
            % {"ballots": tally.ballots, "present": tally.present}
        )
    cast = tally.votes_for + tally.votes_against + tally.votes_abstain
    if cast > tally.ballots:
        problems.append(
            _(
                "赞成 %(votes_for)s + 反对 %(votes_against)s + 弃权 %(votes_abstain)s"
                " = %(cast)s，多于收回选票 %(ballots)s 张"
            )
            % {
                "votes_for": tally.votes_for,
                "votes_against": tally.votes_against,
                "votes_abstain": tally.votes_abstain,
                "cast": cast,
                "ballots": tally.ballots,
            }
        )
    return problems


def tally_passes(tally: Tally, rules: MeetingRules) -> bool:
    return tally.votes_for > tally.should_attend * rules.pass_line


def tally_outcome_text(tally: Tally, rules: MeetingRules) -> str:
    values = {
        "votes_for": tally.votes_for,
        "should_attend": tally.should_attend,
        "fraction": fraction_text(rules.pass_line),
    }
    if tally_passes(tally, rules):
        return (
            _("赞成 %(votes_for)s 票，超过应到会 %(should_attend)s 人的%(fraction)s，通过") % values
        )
    return (
        _("赞成 %(votes_for)s 票，未超过应到会 %(should_attend)s 人的%(fraction)s，未通过") % values
    )
