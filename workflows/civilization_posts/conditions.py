"""The FSM conditions of 青年文明号 cycles, filings, applications and yearly reviews, and the
words that explain a refusal."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.rules.selectors import ResolvedRules
from workflows.wording import date_text, list_text


def rules_of(case) -> ResolvedRules:
    return ResolvedRules.from_snapshot(case.rules_snapshot)


# --- cycle -----------------------------------------------------------------


def schedule_problems(cycle) -> list[str]:
    """The cycle's years and dates: starts in an odd year, deadlines ahead and in order."""
    problems = []
    if cycle.start_year % 2 == 0:
        problems.append(
            _("届期须从奇数年开始（奇数年创建备案、偶数年评审认定），%(year)s 年是偶数年")
            % {"year": cycle.start_year}
        )
    if cycle.filing_deadline < timezone.localdate():
        problems.append(
            _("创建备案截止日 %(date)s 已过") % {"date": date_text(cycle.filing_deadline)}
        )
    if cycle.application_deadline < cycle.filing_deadline:
        problems.append(_("申报截止日不能早于创建备案截止日"))
    problems.extend(application_deadline_problems(cycle, cycle.application_deadline))
    return problems


def application_deadline_problems(cycle, deadline: datetime.date) -> list[str]:
    """申报 is in the cycle's even year: its deadline too."""
    if deadline.year != cycle.review_year:
        return [
            _("申报截止日 %(date)s 须在届期第二年（%(year)s年）内")
            % {"date": date_text(deadline), "year": cycle.review_year}
        ]
    return []


def _setup_problems(cycle) -> list[str]:
    problems = schedule_problems(cycle)
    if not cycle.rubrics.exists():
        problems.append(_("尚未制定考核评分细则"))
    if not cycle.org.issuer_mark:
        problems.append(_("%(org)s未设置发文机关代字，无法印发通知") % {"org": cycle.org.name})
    return problems


def cycle_ready(cycle) -> bool:
    return not _setup_problems(cycle)


def _applications_open_problems(cycle) -> list[str]:
    today = timezone.localdate()
    problems = []
    if today <= cycle.filing_deadline:
        problems.append(
            _("创建备案截止日为 %(date)s，截止后才能发布申报通知")
            % {"date": date_text(cycle.filing_deadline)}
        )
    opens = datetime.date(cycle.review_year, 1, 1)
    if today < opens:
        problems.append(
            _("申报在届期第二年（%(year)s年）进行，%(date)s起方可发布申报通知")
            % {"year": cycle.review_year, "date": date_text(opens)}
        )
    if cycle.application_deadline < today:
        problems.append(
            _("申报截止日 %(date)s 已过，请先修改申报截止日")
            % {"date": date_text(cycle.application_deadline)}
        )
    return problems


def applications_may_open(cycle) -> bool:
    return not _applications_open_problems(cycle)


def _peer_review_problems(cycle) -> list[str]:
    from .models import UNDER_CHECK, ApplicationStatus

    problems = []
    if timezone.localdate() <= cycle.application_deadline:
        problems.append(
            _("申报截止日为 %(date)s，截止后才能开始互检互查")
            % {"date": date_text(cycle.application_deadline)}
        )
    pending = cycle.applications.filter(status__in=UNDER_CHECK).count()
    if pending:
        problems.append(_("尚有 %(count)s 份申报未完成单位审核或团委资格审查") % {"count": pending})
    qualified = cycle.applications.filter(status=ApplicationStatus.QUALIFIED)
    if not qualified.exists():
        problems.append(_("没有通过资格审查的申报"))
    ungrouped = [a.collective.name for a in qualified.filter(collective__group__isnull=True)]
    if ungrouped:
        problems.append(_("以下集体尚未分入评审小组：%(names)s") % {"names": list_text(ungrouped)})
    return problems


def peer_review_may_open(cycle) -> bool:
    return not _peer_review_problems(cycle)


def cycle_problems(cycle, transition: str) -> list[str]:
    if transition == "cycle_open":
        return _setup_problems(cycle)
    if transition == "applications_open":
        return _applications_open_problems(cycle)
    if transition == "peer_review_open":
        return _peer_review_problems(cycle)
    return []


# --- filings and applications ------------------------------------------------


def _basic_problems(case) -> list[str]:
    from .records import collective_problems

    return collective_problems(
        collective=case.collective, on=timezone.localdate(), rules=rules_of(case)
    )


def basic_conditions_met(case) -> bool:
    return not _basic_problems(case)


def filing_in_time(filing) -> bool:
    return filing.cycle.accepts_filings


def application_in_time(application) -> bool:
    return application.cycle.accepts_applications


def filed_in_cycle(application) -> bool:
    from .models import FilingStatus

    return application.cycle.filings.filter(
        collective=application.collective, status=FilingStatus.FILED
    ).exists()


def filing_problems(filing, transition: str) -> list[str]:
    problems = []
    if transition in {"unit_approve", "file", "resubmit"}:
        problems = _basic_problems(filing)
    if transition == "resubmit" and not filing_in_time(filing):
        problems.append(
            _("创建备案已于 %(date)s 截止") % {"date": date_text(filing.cycle.filing_deadline)}
        )
    return problems


def enough_reviews(application) -> bool:
    minimum = rules_of(application).int("peer_reviews_min")
    return (application.peer_count or 0) >= minimum


def stars_supported(application) -> bool:
    return _stars_problem(application) is None


def _stars_problem(application) -> str | None:
    from .records import star_rules
    from .scoring import stars_problem

    return stars_problem(
        stars=application.stars or 0,
        mean=application.peer_mean,
        rules=star_rules(rules_of(application)),
    )


def no_open_objection(application) -> bool:
    from workflows.engine.services.publicity import listed_objections_open

    return not listed_objections_open(case=application, listing=application.cycle).exists()


def application_problems(application, transition: str) -> list[str]:
    problems = []
    if transition in {"unit_approve", "qualify", "resubmit"}:
        problems = _basic_problems(application)
    if transition == "resubmit" and not application_in_time(application):
        problems.append(
            _("申报已于 %(date)s 截止")
            % {"date": date_text(application.cycle.application_deadline)}
        )
    if transition == "qualify" and not filed_in_cycle(application):
        problems.append(_("%(name)s未在本届期创建备案") % {"name": application.collective.name})
    if transition == "propose":
        minimum = rules_of(application).int("peer_reviews_min")
        if not enough_reviews(application):
            problems.append(
                _("%(name)s互检互查评分 %(count)s 份，少于 %(minimum)s 份")
                % {
                    "name": application.collective.name,
                    "count": application.peer_count or 0,
                    "minimum": minimum,
                }
            )
        star_problem = _stars_problem(application)
        if star_problem:
            problems.append(f"{application.collective.name}：{star_problem}")
    if transition == "objection_dismiss" and not no_open_objection(application):
        problems.append(_("有未处理的公示异议"))
    return problems


# --- yearly review -----------------------------------------------------------


def downgrade_lower(review) -> bool:
    return review.stars_after is not None and 1 <= review.stars_after < review.stars_before


def rectification_in_time(review) -> bool:
    return review.rectify_by is not None and timezone.localdate() <= review.rectify_by


def yearly_problems(review, transition: str) -> list[str]:
    if transition == "downgrade" and not downgrade_lower(review):
        return [
            _("现为%(stars)s，降星后的星级须低于现星级且不低于一星级；需撤销称号请选择“撤销”")
            % {"stars": review.get_stars_before_display()}
        ]
    if transition == "rectification_submit" and not rectification_in_time(review):
        return [
            _("整改期限 %(date)s 已过，撤销决定已生效") % {"date": date_text(review.rectify_by)}
            if review.rectify_by
            else _("未设整改期限")
        ]
    return []
