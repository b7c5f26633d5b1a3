"""The FSM conditions of campaigns and nominations, and the words that explain a refusal."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.rules.selectors import ResolvedRules
from workflows.wording import date_text, fraction_text


def rules_of(case) -> ResolvedRules:
    return ResolvedRules.from_snapshot(case.rules_snapshot)


def _campaign_setup_problems(campaign) -> list[str]:
    problems = []
    if not campaign.categories.exists():
        problems.append(_("尚未设置奖项"))
    if not campaign.judges.exists():
        problems.append(_("尚未确定评审委员"))
    if campaign.deadline < timezone.localdate():
        problems.append(
            _("推荐截止日 %(deadline)s 已过") % {"deadline": date_text(campaign.deadline)}
        )
    if not campaign.org.issuer_mark:
        problems.append(_("%(org)s未设置发文机关代字，无法印发通知") % {"org": campaign.org.name})
    return problems


def campaign_ready(campaign) -> bool:
    return not _campaign_setup_problems(campaign)


def deadline_passed(campaign) -> bool:
    return timezone.localdate() > campaign.deadline


def _pending_reviews(campaign) -> int:
    from .models import UNDER_REVIEW

    return campaign.nominations.filter(status__in=UNDER_REVIEW).count()


def reviews_finished(campaign) -> bool:
    return _pending_reviews(campaign) == 0


def campaign_problems(campaign, transition: str) -> list[str]:
    if transition == "campaign_open":
        return _campaign_setup_problems(campaign)
    if transition == "panel_open" and not deadline_passed(campaign):
        return [
            _("推荐截止日为 %(deadline)s，截止后才能开始评审")
            % {"deadline": date_text(campaign.deadline)}
        ]
    if transition == "shortlist_publish":
        pending = _pending_reviews(campaign)
        if pending:
            return [_("尚有 %(count)s 份推荐未完成团支部或团委审核") % {"count": pending}]
    return []


def nomination_eligible(nomination) -> bool:
    return not _eligibility(nomination)


def _eligibility(nomination) -> list[str]:
    from .records import eligibility_check

    return eligibility_check(
        category=nomination.category, member=nomination.subject, org=nomination.nominee_org
    )


def nomination_in_time(nomination) -> bool:
    return nomination.campaign.accepts_nominations


def panel_passed(nomination) -> bool:
    if nomination.votes_for is None or not nomination.judges_counted:
        return False
    return nomination.votes_for > rules_of(nomination).fraction("shortlist_fraction") * (
        nomination.judges_counted
    )


def no_open_objection(nomination) -> bool:
    from workflows.engine.services.publicity import listed_objections_open

    return not listed_objections_open(case=nomination, listing=nomination.campaign).exists()


def nomination_problems(nomination, transition: str) -> list[str]:
    if transition in {"branch_approve", "committee_approve", "resubmit"}:
        problems = _eligibility(nomination)
        if transition == "resubmit" and not nomination_in_time(nomination):
            problems.append(
                _("推荐已于 %(deadline)s 截止")
                % {"deadline": date_text(nomination.campaign.deadline)}
            )
        return problems
    if transition == "shortlist" and not panel_passed(nomination):
        return [
            _("赞成 %(votes)s 票，未超过可评评委 %(judges)s 人的%(fraction)s")
            % {
                "votes": nomination.votes_for or 0,
                "judges": nomination.judges_counted or 0,
                "fraction": fraction_text(rules_of(nomination).fraction("shortlist_fraction")),
            }
        ]
    if transition == "objection_dismiss" and not no_open_objection(nomination):
        return [_("有未处理的公示异议")]
    return []
