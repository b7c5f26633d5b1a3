"""Rules of a collective decision (会议研究): quorum, ballots, and the pass line.

Pure functions, no database: the FSM conditions and the services both call them, and the
boundary tests run without a database.

Each sentence is written once, by a ``*_words`` function over the numbers it names. The server
fills in the numbers; the task page's live preview (static/js/tally.js) gets the same sentences
with ``{name}`` placeholders (``tally_word_templates``) and fills them in as people type, so the
page and the record can never word an outcome differently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from fractions import Fraction

from django.utils.translation import gettext as _

from workflows.wording import fraction_text

from .bounds import HEADCOUNT

Numbers = Mapping[str, int | str]


@dataclass(frozen=True)
class Tally:
    should_attend: int
    present: int
    ballots: int
    votes_for: int
    votes_against: int
    votes_abstain: int


# The numbers a tally is typed in as, each a field of the step's form.
TALLY_FIELDS = tuple(field.name for field in fields(Tally))


@dataclass(frozen=True)
class MeetingRules:
    quorum: Fraction  # present must be MORE than should_attend × quorum
    pass_line: Fraction  # votes_for must be MORE than should_attend × pass_line


@dataclass(frozen=True)
class Consequences:
    """What recording the tally leads to, as the process words it ("提交后案件终止")."""

    passed: str
    failed: str


@dataclass(frozen=True)
class TallyOutcome:
    problems: list[str]  # why the record itself is invalid: it would be refused
    passed: bool
    text: str  # the rule line and the result, or the problems
    consequence: str  # what submitting it leads to

    @property
    def sentence(self) -> str:
        return f"{self.text}；{self.consequence}" if self.consequence else self.text

    @property
    def needs_confirmation(self) -> bool:
        """A valid tally that fails ends the case: the person recording it confirms first."""
        return not self.problems and not self.passed


# The sentences, each over the numbers it names (ints, or "{name}" placeholders).
def none_expected_words() -> str:
    return _("应到会人数必须大于 0")


def present_over_words(n: Numbers) -> str:
    return _("实到会 %(present)s 人，超过应到会 %(should_attend)s 人") % n


def quorum_words(n: Numbers, quorum: Fraction) -> str:
    return _("到会 %(present)s 人，未超过应到会 %(should_attend)s 人的%(fraction)s，会议无效") % {
        **n,
        "fraction": fraction_text(quorum),
    }


def ballots_over_words(n: Numbers) -> str:
    return _("收回选票 %(ballots)s 张，多于实到会 %(present)s 人") % n


def cast_over_words(n: Numbers) -> str:
    return (
        _(
            "赞成 %(votes_for)s + 反对 %(votes_against)s + 弃权 %(votes_abstain)s"
            " = %(cast)s，多于收回选票 %(ballots)s 张"
        )
        % n
    )


def result_words(n: Numbers, pass_line: Fraction, *, passed: bool) -> str:
    values = {**n, "fraction": fraction_text(pass_line)}
    if passed:
        return (
            _("赞成 %(votes_for)s 票，超过应到会 %(should_attend)s 人的%(fraction)s，通过") % values
        )
    return (
        _("赞成 %(votes_for)s 票，未超过应到会 %(should_attend)s 人的%(fraction)s，未通过") % values
    )


def roll_differs_words(n: Numbers) -> str:
    return _("名册应到会 %(roll)s 人，填写 %(should_attend)s 人，请核对") % n


def tally_violations(tally: Tally, rules: MeetingRules) -> list[str]:
    """Why the meeting record itself is invalid (not whether the candidate passed)."""
    if min(vars(tally).values()) < 0:
        return [_("人数和票数不能为负数")]
    if max(vars(tally).values()) > HEADCOUNT.maximum:
        return [_("人数和票数不能超过 %(maximum)s") % {"maximum": HEADCOUNT.maximum}]
    n = {**vars(tally), "cast": tally.votes_for + tally.votes_against + tally.votes_abstain}
    problems = []
    if tally.should_attend <= 0:
        problems.append(none_expected_words())
    if tally.present > tally.should_attend:
        problems.append(present_over_words(n))
    if tally.present <= tally.should_attend * rules.quorum:
        problems.append(quorum_words(n, rules.quorum))
    if tally.ballots > tally.present:
        problems.append(ballots_over_words(n))
    if n["cast"] > tally.ballots:
        problems.append(cast_over_words(n))
    return problems


def tally_passes(tally: Tally, rules: MeetingRules) -> bool:
    return tally.votes_for > tally.should_attend * rules.pass_line


def tally_outcome_text(tally: Tally, rules: MeetingRules) -> str:
    """The rule line with the result, as the audit records it and the page previews it."""
    return result_words(vars(tally), rules.pass_line, passed=tally_passes(tally, rules))


def tally_outcome(tally: Tally, rules: MeetingRules, consequences: Consequences) -> TallyOutcome:
    problems = tally_violations(tally, rules)
    if problems:
        return TallyOutcome(
            problems=problems, passed=False, text="；".join(problems), consequence=""
        )
    passed = tally_passes(tally, rules)
    return TallyOutcome(
        problems=[],
        passed=passed,
        text=tally_outcome_text(tally, rules),
        consequence=consequences.passed if passed else consequences.failed,
    )


def roll_warning(*, should_attend: int, roll: int | None) -> str:
    """A typed 应到会 that differs from the branch's roll: not refused, but pointed out and kept
    in the audit event."""
    if roll is None or should_attend == roll:
        return ""
    return roll_differs_words({"roll": roll, "should_attend": should_attend})


def tally_word_templates(rules: MeetingRules, consequences: Consequences) -> dict[str, str]:
    """Every sentence of the preview with ``{name}`` placeholders, for tally.js."""
    n = {name: f"{{{name}}}" for name in (*TALLY_FIELDS, "cast", "roll")}
    return {
        "none-expected": none_expected_words(),
        "present-over": present_over_words(n),
        "quorum": quorum_words(n, rules.quorum),
        "ballots-over": ballots_over_words(n),
        "cast-over": cast_over_words(n),
        "passed": result_words(n, rules.pass_line, passed=True),
        "failed": result_words(n, rules.pass_line, passed=False),
        "roll-differs": roll_differs_words(n),
        "consequence-passed": consequences.passed,
        "consequence-failed": consequences.failed,
    }
