"""The judging panel: who may judge which nominee, each judge's ballot, and the panel's result
per category ranked within the award quota."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.org.models import LEAGUE_KINDS, Appointment, Member, Organization
from workflows.rules.quota import Quota
from workflows.wording import list_text, person_name

from .conditions import rules_of
from .models import (
    Ballot,
    Campaign,
    CampaignStatus,
    Category,
    Judging,
    Nomination,
    NominationStatus,
)
from .ranking import CategoryRanking, Tally, category_rank, tally_count
from .records import quota_for

SCORE_MAX = Decimal(100)
# Judges score in tenths at the finest (the ballot stores one decimal).
SCORE_STEP = Decimal("0.1")


def judge_candidates(*, committee: Organization) -> QuerySet:
    """Who may sit on a committee's panel: today's office holders in it or a unit under it."""
    holders = Appointment.objects.on(timezone.localdate()).filter(
        org__path__startswith=committee.path
    )
    return get_user_model().objects.filter(pk__in=holders.values("user_id")).order_by("username")


def judges_check(*, committee: Organization, judges: list[AbstractBaseUser]) -> None:
    """Refuse a panel with anyone who holds no office in the committee's subtree."""
    eligible = set(judge_candidates(committee=committee).values_list("pk", flat=True))
    outsiders = [judge for judge in judges if judge.pk not in eligible]
    if outsiders:
        raise CaseError(
            _("%(names)s 不在%(org)s及所属团组织任职，不能担任评委")
            % {
                "names": list_text(f"{person_name(judge)}（{judge.pk}）" for judge in outsiders),
                "org": committee.name,
            }
        )


def judge_unit_paths(*, campaign: Campaign, user: AbstractBaseUser) -> list[str]:
    """The units below the campaign's committee that are ``user``'s own: their branch, and any
    unit where they hold league office."""
    paths = set(
        Appointment.objects.on(timezone.localdate())
        .filter(user=user, org__kind__in=[str(k) for k in LEAGUE_KINDS])
        .values_list("org__path", flat=True)
    )
    paths.update(Member.objects.filter(user=user).values_list("branch__path", flat=True))
    top = campaign.org.path
    return [path for path in paths if path.startswith(top) and path != top]


def is_recused(*, nomination: Nomination, judge_id: int, unit_paths: list[str]) -> bool:
    """Nobody judges a nomination of themself, or of a unit that contains or is inside theirs."""
    if nomination.subject_id and nomination.subject.user_id == judge_id:
        return True
    return any(
        nomination.org_path.startswith(path) or path.startswith(nomination.org_path)
        for path in unit_paths
    )


def judged_nominations(*, campaign: Campaign) -> list[Nomination]:
    return list(
        campaign.nominations.filter(status=NominationStatus.COMMITTEE_APPROVED).select_related(
            "subject__branch"
        )
    )


def ballot_sheet(*, campaign: Campaign, user: AbstractBaseUser) -> tuple[list, list]:
    """The nominations ``user`` judges, and those they are recused from."""
    paths = judge_unit_paths(campaign=campaign, user=user)
    mine, recused = [], []
    for nomination in judged_nominations(campaign=campaign):
        target = (
            recused
            if is_recused(nomination=nomination, judge_id=user.pk, unit_paths=paths)
            else mine
        )
        target.append(nomination)
    return mine, recused


def _entry_value(
    nomination: Nomination, entry: dict, pass_mark: int
) -> tuple[bool, Decimal | None]:
    if nomination.category.judging == Judging.SCORE:
        try:
            score = Decimal(str(entry.get("score")))
        except (InvalidOperation, ValueError) as error:
            raise CaseError(
                _("%(name)s：请填写 0–100 的评分") % {"name": nomination.headline}
            ) from error
        if not score.is_finite() or not Decimal(0) <= score <= SCORE_MAX:
            raise CaseError(
                _("%(name)s：评分 %(score)s 不在 0–100 之间")
                % {"name": nomination.headline, "score": score}
            )
        if score != score.quantize(SCORE_STEP):
            raise CaseError(
                _("%(name)s：评分 %(score)s 最多一位小数")
                % {"name": nomination.headline, "score": score}
            )
        return score >= pass_mark, score
    approve = entry.get("approve")
    if not isinstance(approve, bool):
        raise CaseError(_("%(name)s：请选择赞成或不赞成") % {"name": nomination.headline})
    return approve, None


def ballot_cast(
    *, campaign: Campaign, by: AbstractBaseUser, entries: dict[int, dict]
) -> list[Ballot]:
    """A judge's whole ballot, once: a vote (``{"approve": true}``) or a score (``{"score": 88}``)
    for every nomination they may judge, and nothing for those they are recused from."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not campaign.judges.filter(pk=by.pk).exists():
            raise NotAllowed(_("您不是本次评选的评审委员"))
        if campaign.status != CampaignStatus.PANEL:
            raise CaseError(
                _("评选当前为「%(status)s」，不在评审阶段")
                % {"status": campaign.get_status_display()}
            )
        cast = (
            Ballot.objects.filter(judge=by, nomination__campaign=campaign)
            .order_by("cast_at")
            .first()
        )
        if cast is not None:
            when = timezone.localtime(cast.cast_at).strftime("%Y-%m-%d %H:%M")
            raise CaseError(
                _("已由 %(who)s 于 %(when)s 提交评审票，不能重复提交")
                % {"who": person_name(by), "when": when}
            )
        mine, recused = ballot_sheet(campaign=campaign, user=by)
        recused_ids = {n.pk for n in recused}
        barred = [n.headline for n in recused if n.pk in entries]
        if barred:
            raise RuleViolation(
                [
                    _("评委须回避本人及本单位的推荐，不能评审：%(names)s")
                    % {"names": list_text(barred)}
                ]
            )
        if not mine:
            raise CaseError(_("没有需要您评审的推荐（均须回避）"))
        unknown = set(entries) - {n.pk for n in mine} - recused_ids
        missing = [n.headline for n in mine if n.pk not in entries]
        if unknown or missing:
            raise CaseError(
                _("评审票须覆盖您应评审的全部推荐；缺少：%(names)s")
                % {"names": list_text(missing) or "—"}
            )
        pass_mark = rules_of(campaign).int("score_pass_mark")
        ballots = []
        for nomination in mine:
            approve, score = _entry_value(nomination, entries[nomination.pk], pass_mark)
            ballots.append(Ballot(nomination=nomination, judge=by, approve=approve, score=score))
        Ballot.objects.bulk_create(ballots)
        audit_record(
            action="panel.ballot",
            by=by,
            case=campaign,
            after=_("评审 %(count)s 份，回避 %(recused)s 份")
            % {"count": len(ballots), "recused": len(recused)},
            data={"nominations": [n.pk for n in mine], "recused": sorted(recused_ids)},
        )
    return ballots


@dataclass(frozen=True)
class CategoryResult:
    category: Category
    quota: Quota
    tallies: list[Tally]
    ranking: CategoryRanking

    @property
    def by_score(self) -> bool:
        return self.category.judging == Judging.SCORE


def judges_missing(*, campaign: Campaign) -> list[AbstractBaseUser]:
    """Judges who have nominations to judge and have not cast their ballot."""
    voted = set(
        Ballot.objects.filter(nomination__campaign=campaign).values_list("judge_id", flat=True)
    )
    return [
        judge
        for judge in campaign.judges.all()
        if judge.pk not in voted and ballot_sheet(campaign=campaign, user=judge)[0]
    ]


def panel_results(*, campaign: Campaign, picks: set[int] | None = None) -> list[CategoryResult]:
    """Each category's tallies and ranking from the ballots cast so far."""
    rules = rules_of(campaign)
    fraction = rules.fraction("shortlist_fraction")
    judges = list(campaign.judges.all())
    units = {judge.pk: judge_unit_paths(campaign=campaign, user=judge) for judge in judges}
    ballots = defaultdict(list)
    for ballot in Ballot.objects.filter(
        nomination__campaign=campaign, nomination__status=NominationStatus.COMMITTEE_APPROVED
    ):
        ballots[ballot.nomination_id].append(ballot)
    by_category = defaultdict(list)
    for nomination in judged_nominations(campaign=campaign):
        eligible = sum(
            1
            for judge in judges
            if not is_recused(nomination=nomination, judge_id=judge.pk, unit_paths=units[judge.pk])
        )
        cast = ballots[nomination.pk]
        scored = nomination.category.judging == Judging.SCORE
        by_category[nomination.category_id].append(
            tally_count(
                nomination_id=nomination.pk,
                name=nomination.nominee_name,
                approvals=[b.approve for b in cast],
                scores=[b.score for b in cast] if scored else None,
                judges=eligible,
                fraction=fraction,
            )
        )
    results = []
    for category in campaign.categories.all():
        quota = quota_for(category=category, unit=campaign.org, rules=rules, whole=True)
        tallies = by_category.get(category.pk, [])
        results.append(
            CategoryResult(
                category=category,
                quota=quota,
                tallies=tallies,
                ranking=category_rank(
                    category=category.name,
                    tallies=tallies,
                    quota=quota.limit,
                    picks=picks,
                    by_score=category.judging == Judging.SCORE,
                ),
            )
        )
    return results
