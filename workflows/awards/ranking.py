"""The panel's result, as pure functions: each nominee's tally against the shortlist rule, then
the ranking within the category's award quota, with ties at the quota line left for a person
to decide."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from workflows.wording import fraction_text, list_text


@dataclass(frozen=True)
class Tally:
    nomination_id: int
    name: str
    votes_for: int
    # Judges who could judge this nominee: the panel less those recused.
    judges: int
    score: Decimal | None
    passed: bool

    @property
    def measure(self) -> Decimal | Fraction:
        """What ranks nominees: the mean score when the category is scored, else the share of
        the judges able to judge them who voted for (a recusal must not cost a nominee)."""
        if self.score is not None:
            return self.score
        return Fraction(self.votes_for, self.judges) if self.judges else Fraction(0)


def tally_count(
    *,
    nomination_id: int,
    name: str,
    approvals: list[bool],
    scores: list[Decimal] | None,
    judges: int,
    fraction: Fraction,
) -> Tally:
    """A nominee passes with more than ``fraction`` of the judges able to judge them voting for;
    a judge who cast nothing counts as not for."""
    votes_for = sum(1 for approve in approvals if approve)
    score = None
    if scores is not None:
        score = (
            (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"))
            if scores
            else Decimal(0)
        )
    return Tally(
        nomination_id=nomination_id,
        name=name,
        votes_for=votes_for,
        judges=judges,
        score=score,
        passed=judges > 0 and votes_for > fraction * judges,
    )


def pass_text(tally: Tally, fraction: Fraction) -> str:
    """``赞成 5 票，评委 7 人，超过二分之一，入围资格成立`` and its negative."""
    words = {"votes": tally.votes_for, "judges": tally.judges, "fraction": fraction_text(fraction)}
    if tally.passed:
        return _("赞成 %(votes)s 票（可评评委 %(judges)s 人），超过%(fraction)s") % words
    return _("赞成 %(votes)s 票（可评评委 %(judges)s 人），未超过%(fraction)s") % words


@dataclass(frozen=True)
class CategoryRanking:
    category: str
    quota: int
    ranked: list[Tally]
    selected: list[int]
    # Nominees tied at the quota line, how many of them can go through, and the tied measure.
    tied: list[Tally] = field(default_factory=list)
    tie_seats: int = 0
    by_score: bool = False

    @property
    def tie_open(self) -> bool:
        return bool(self.tied) and len(self.selected) < min(self.quota, len(self.ranked))

    @property
    def tie_text(self) -> str:
        if not self.tied:
            return ""
        first = self.tied[0]
        if self.by_score:
            level = _("各 %(score)s 分") % {"score": first.score}
        elif len({t.votes_for for t in self.tied}) == 1:
            level = _("各 %(votes)s 票") % {"votes": first.votes_for}
        else:
            level = _("赞成票占可评评委比例相同：%(shares)s") % {
                "shares": list_text(f"{t.votes_for}/{t.judges}" for t in self.tied)
            }
        return _(
            "%(category)s名额 %(quota)s 名：%(names)s并列（%(level)s），须从中决定 %(seats)s 名入围"
        ) % {
            "category": self.category,
            "quota": self.quota,
            "names": list_text(t.name for t in self.tied),
            "level": level,
            "seats": self.tie_seats,
        }


def category_rank(
    *,
    category: str,
    tallies: list[Tally],
    quota: int,
    picks: set[int] | None = None,
    by_score: bool = False,
) -> CategoryRanking:
    """Rank those who passed; the best ``quota`` are selected. When the quota line falls inside
    a group with the same result, the group is ``tied`` and only ``picks`` from it go through."""
    ranked = sorted((t for t in tallies if t.passed), key=lambda t: t.measure, reverse=True)
    if len(ranked) <= quota:
        return CategoryRanking(
            category, quota, ranked, [t.nomination_id for t in ranked], by_score=by_score
        )
    line = ranked[quota - 1].measure if quota else None
    above = [t for t in ranked if line is not None and t.measure > line]
    at_line = [t for t in ranked if t.measure == line]
    seats = quota - len(above)
    if len(at_line) <= seats:
        return CategoryRanking(
            category, quota, ranked, [t.nomination_id for t in above + at_line], by_score=by_score
        )
    chosen = [t.nomination_id for t in at_line if picks and t.nomination_id in picks]
    selected = [t.nomination_id for t in above]
    if len(chosen) == seats:
        selected += chosen
    return CategoryRanking(
        category, quota, ranked, selected, tied=at_line, tie_seats=seats, by_score=by_score
    )
