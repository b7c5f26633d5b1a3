"""Writes for 五四评优: campaigns, nominations and each step's one transition."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.bounds import PROCESS_DATES
from workflows.engine.children import (
    child_objection_filer,
    children_listed,
    children_resume_after_commit,
    parent_publicity_close,
)
from workflows.engine.errors import CaseError, NotAllowed, RuleViolation
from workflows.engine.inputs import date_parse
from workflows.engine.models import Decision, Publicity
from workflows.engine.services.acting import task_act
from workflows.engine.services.cases import case_register, case_transition, opinion_record
from workflows.engine.services.notifications import notification_send
from workflows.engine.services.publicity import listed_objection_decide, publicity_open
from workflows.org.models import Member, Organization
from workflows.org.selectors import leads
from workflows.rules.selectors import rules_resolve
from workflows.wording import date_text, list_text

from . import conditions, panel
from .models import (
    QUOTA_HOLDING,
    Campaign,
    CampaignStatus,
    Category,
    Honour,
    NominatedBy,
    Nomination,
    NominationStatus,
)
from .presets import category_presets
from .records import eligibility_check, quota_for, quota_unit_of, quota_used

PROCESS_KEY = "award"


def _holds_any(user: AbstractBaseUser, org: Organization) -> bool:
    return leads(user=user, org=org, on=timezone.localdate())


def campaign_create(
    *,
    org: Organization,
    title: str,
    year: int,
    cutoff_date: datetime.date,
    deadline: datetime.date,
    notice: str,
    judges: list[AbstractBaseUser],
    by: AbstractBaseUser,
    codes: list[str] | None = None,
) -> Campaign:
    """A draft campaign with the usual categories (or those in ``codes``), ready to edit."""
    if not _holds_any(by, org):
        raise NotAllowed(_("只有%(org)s书记、副书记可以发起评选") % {"org": org.name})
    PROCESS_DATES.check(cutoff_date, _("条件计算截止日"))
    PROCESS_DATES.check(deadline, _("推荐截止日"))
    if deadline < timezone.localdate():
        raise CaseError(_("推荐截止日不能早于今天"))
    if not title.strip() or not notice.strip():
        raise CaseError(_("请填写评选名称和通知正文"))
    panel.judges_check(committee=org, judges=judges)
    rules = rules_resolve(process=PROCESS_KEY, org=org, on=timezone.localdate())
    presets = [p for p in category_presets(rules) if codes is None or p["code"] in codes]
    if not presets:
        raise CaseError(_("请至少选择一个奖项"))
    campaign = Campaign(
        org=org,
        org_path=org.path,
        applicant=by,
        title=title.strip(),
        year=year,
        cutoff_date=cutoff_date,
        deadline=deadline,
        notice=notice.strip(),
        rulebook=rules.rulebook,
        rules_snapshot=rules.snapshot(),
    )
    with transaction.atomic():
        case_register(case=campaign, prefix="PY", by=by, data={"rules": rules.label})
        Category.objects.bulk_create(
            Category(campaign=campaign, order=index, **preset)
            for index, preset in enumerate(presets)
        )
        campaign.judges.set(judges)
    return campaign


def category_update(*, category: Category, values: dict, by: AbstractBaseUser) -> Category:
    """Edit a category's conditions or quota while the campaign is still a draft."""
    campaign = category.campaign
    if not _holds_any(by, campaign.org):
        raise NotAllowed(_("只有发起评选的团委可以修改奖项"))
    if campaign.status != CampaignStatus.DRAFT:
        raise CaseError(_("通知已发布，奖项条件和名额不能再修改"))
    for field, value in values.items():
        setattr(category, field, value)
    category.full_clean(exclude=["campaign"])
    category.save()
    audit_record(
        action="campaign.category",
        by=by,
        case=campaign,
        after=category.name,
        data={key: str(value) for key, value in values.items()},
    )
    return category


def campaign_open(*, campaign: Campaign, by: AbstractBaseUser) -> Campaign:
    """Publish the 通知: nominations open until the deadline."""
    from .documents import notice_issue
    from .flows import CampaignFlow

    if not _holds_any(by, campaign.org):
        raise NotAllowed(_("只有发起评选的团委可以发布通知"))
    with transaction.atomic():
        case_transition(case=campaign, transition="campaign_open", by=by)
        CampaignFlow.start.run(case=campaign)
        notice_issue(campaign=campaign, by=by)
    return campaign


def _may_nominate(
    *, by: AbstractBaseUser, category: Category, member: Member | None, org: Organization | None
) -> NominatedBy:
    if not category.is_collective:
        if member.user_id == by.pk:
            return NominatedBy.SELF
        if _holds_any(by, member.branch):
            return NominatedBy.BRANCH
        raise NotAllowed(_("只能推荐本人，或由所在团支部书记推荐"))
    unit = quota_unit_of(category=category, org=org)
    if _holds_any(by, org) or _holds_any(by, unit):
        return NominatedBy.BRANCH
    raise NotAllowed(_("只有该集体或其上级团组织的书记可以申报"))


def _form_of(member: Member | None, org: Organization | None, extra: dict) -> dict:
    """The 推荐审批表 fields copied from the record on the day, plus what the nominator added."""
    if member is None:
        return {
            "单位名称": org.name,
            "团员人数": org.members.filter(is_active=True).count(),
            **extra,
        }
    return {
        "姓名": member.name,
        "性别": member.gender,
        "出生年月": f"{member.birth_date.year}年{member.birth_date.month}月",
        "民族": member.ethnicity,
        "政治面貌": member.get_political_status_display(),
        "入团时间": (
            f"{member.league_join_date.year}年{member.league_join_date.month}月"
            if member.league_join_date
            else ""
        ),
        "学历": member.education,
        "单位及职务": "，".join(
            part for part in (member.department, member.league_post, extra.pop("职务", "")) if part
        ),
        **extra,
    }


def nomination_submit(
    *,
    category: Category,
    by: AbstractBaseUser,
    deeds: str,
    honours: str = "",
    member: Member | None = None,
    org: Organization | None = None,
    extra: dict | None = None,
) -> Nomination:
    """A nomination for ``category``: on time, eligible on the records, within the unit's quota."""
    from .flows import NominationFlow

    campaign = category.campaign
    if not campaign.accepts_nominations:
        raise CaseError(
            _("「%(title)s」推荐已于 %(deadline)s 截止，不再接受推荐")
            % {"title": campaign.title, "deadline": date_text(campaign.deadline)}
            if campaign.status == CampaignStatus.OPEN
            else _("「%(title)s」当前不接受推荐") % {"title": campaign.title}
        )
    if category.is_collective:
        member = None
        if org is None:
            raise CaseError(_("请选择推荐的集体"))
    else:
        org = None
        if member is None:
            raise CaseError(_("请选择被推荐的团员"))
    nominated_by = _may_nominate(by=by, category=category, member=member, org=org)
    deeds = deeds.strip()
    if not deeds:
        raise CaseError(_("请填写主要事迹"))
    if len(deeds) > category.deeds_max_chars:
        raise CaseError(
            _("主要事迹 %(length)s 字，超过%(category)s的 %(limit)s 字上限")
            % {"length": len(deeds), "category": category.name, "limit": category.deeds_max_chars}
        )
    problems = eligibility_check(category=category, member=member, org=org)
    if problems:
        raise RuleViolation(problems)
    unit = quota_unit_of(category=category, member=member, org=org)
    rules = conditions.rules_of(campaign)
    nominee_unit = org or member.branch
    nomination = Nomination(
        org=nominee_unit,
        org_path=nominee_unit.path,
        subject=member,
        nominee_org=org,
        applicant=by,
        campaign=campaign,
        category=category,
        quota_unit=unit,
        nominated_by=nominated_by,
        form=_form_of(member, org, dict(extra or {})),
        deeds=deeds,
        honours=honours.strip(),
        status=(
            NominationStatus.SUBMITTED
            if nominated_by == NominatedBy.SELF
            else NominationStatus.BRANCH_APPROVED
        ),
        rulebook_id=campaign.rulebook_id,
        rules_snapshot=campaign.rules_snapshot,
    )
    with transaction.atomic():
        # One nomination at a time per campaign, so two units cannot both take the last place.
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
        _quota_check(nomination=nomination, rules=rules)
        case_register(
            case=nomination,
            prefix="PX",
            by=by,
            data={"category": category.name, "nominated_by": nominated_by},
        )
        NominationFlow.start.run(case=nomination)
    return nomination


def _quota_check(*, nomination: Nomination, rules) -> None:
    holder = (
        {"subject": nomination.subject}
        if nomination.subject_id
        else {"nominee_org": nomination.nominee_org}
    )
    taken = Nomination.objects.filter(
        category=nomination.category, status__in=QUOTA_HOLDING, **holder
    ).first()
    if taken is not None:
        raise CaseError(
            _("%(name)s 已被推荐为%(category)s（%(reference)s）")
            % {
                "name": nomination.nominee_name,
                "category": taken.category.name,
                "reference": taken.reference,
            }
        )
    quota = quota_for(category=nomination.category, unit=nomination.quota_unit, rules=rules)
    used = quota_used(category=nomination.category, unit=nomination.quota_unit)
    if used >= quota.limit:
        raise RuleViolation(
            [
                _(
                    "%(unit)s%(category)s名额 %(limit)s 名（%(explain)s），已推荐 %(used)s 名，"
                    "不能再推荐"
                )
                % {
                    "unit": nomination.quota_unit.name,
                    "category": nomination.category.name,
                    "limit": quota.limit,
                    "explain": quota.explain(),
                    "used": used,
                }
            ]
        )


def _campaign_wait():
    """Where nominations wait on their campaign (read late: flows imports this module)."""
    from .flows import NominationFlow

    return NominationFlow.campaign_wait


def nominations_advance(*, nominations: list[Nomination]) -> None:
    """Once the campaign's step commits, let the nominations it moved go on from waiting on it
    to their next step (or their end)."""
    children_resume_after_commit(children=nominations, node=_campaign_wait())


def campaign_panel_open(*, campaign: Campaign) -> None:
    """The deadline has passed (timer): the panel may judge what the committee approved."""
    case_transition(case=campaign, transition="panel_open", by=None)
    notification_send(
        users=list(campaign.judges.all()),
        text=f"评审：{campaign.title}",
        url=reverse("awards:ballot", args=[campaign.pk]),
    )


def _ids(data: dict, key: str) -> set[int]:
    """A list of record ids in step data, or a clear refusal of anything else."""
    value = data.get(key) or []
    try:
        if not isinstance(value, list):
            raise TypeError(key)
        return {int(pk) for pk in value}
    except (TypeError, ValueError) as error:
        raise CaseError(_("「%(key)s」应为编号列表") % {"key": key}) from error


def shortlist_publish(campaign: Campaign, *, by, opinion, data, **_rest) -> None:
    picks = _ids(data, "picks")
    missing = panel.judges_missing(campaign=campaign)
    if missing and not data.get("allow_missing"):
        raise CaseError(
            _("评委 %(names)s 尚未提交评审票；如确认缺席，请勾选“缺席评委按未投赞成票计”")
            % {"names": list_text(judge.get_full_name() or judge.username for judge in missing)}
        )
    results = panel.panel_results(campaign=campaign, picks=picks)
    ties = [result.ranking.tie_text for result in results if result.ranking.tie_open]
    if ties:
        raise RuleViolation(ties)
    fraction = conditions.rules_of(campaign).fraction("shortlist_fraction")
    shortlisted = []
    nominations = {n.pk: n for n in panel.judged_nominations(campaign=campaign)}
    for result in results:
        ranks = {t.nomination_id: index for index, t in enumerate(result.ranking.ranked, 1)}
        selected = set(result.ranking.selected)
        for tally in result.tallies:
            nomination = nominations[tally.nomination_id]
            nomination.votes_for = tally.votes_for
            nomination.judges_counted = tally.judges
            nomination.score = tally.score
            nomination.rank = ranks.get(tally.nomination_id)
            words = panel_words(tally, fraction, result)
            if tally.nomination_id in selected:
                shortlisted.append(nomination)
                case_transition(case=nomination, transition="shortlist", by=by, opinion=words)
            else:
                case_transition(case=nomination, transition="leave_out", by=by, opinion=words)
            opinion_record(
                case=nomination, by=by, step="评审结果", decision=Decision.RECORD, text=words
            )
    if not shortlisted:
        raise CaseError(_("没有入围人选，无法公示；请核对评审票或名额"))
    case_transition(case=campaign, transition="shortlist_publish", by=by, opinion=opinion)
    _shortlist_publicity(campaign, shortlisted, by)
    left_out = [n for n in nominations.values() if n.status == NominationStatus.NOT_SHORTLISTED]
    nominations_advance(nominations=left_out)


def panel_words(tally, fraction, result) -> str:
    from .ranking import pass_text

    words = pass_text(tally, fraction)
    if tally.score is not None:
        words = _("平均 %(score)s 分；%(words)s") % {"score": tally.score, "words": words}
    if tally.nomination_id in result.ranking.selected:
        return _("%(words)s；名额 %(quota)s 名内，入围") % {
            "words": words,
            "quota": result.quota.limit,
        }
    if tally.passed:
        return _("%(words)s；超出名额 %(quota)s 名，未入围") % {
            "words": words,
            "quota": result.quota.limit,
        }
    return _("%(words)s；未入围") % {"words": words}


def _shortlist_publicity(campaign: Campaign, shortlisted: list[Nomination], by) -> Publicity:
    days = conditions.rules_of(campaign).int("publicity_working_days")
    lines = []
    for category in campaign.categories.all():
        names = [
            n.form.get("单位名称") or _nominee_line(n)
            for n in shortlisted
            if n.category_id == category.pk
        ]
        if names:
            lines.append(f"{category.name}（{len(names)}名）：{'、'.join(names)}")
    return publicity_open(
        case=campaign,
        org=campaign.org,
        title=f"关于{campaign.title}拟表彰对象的公示",
        content=(
            f"经各单位推荐、{campaign.org.name}审核和评审委员会评审，"
            f"现将{campaign.title}拟表彰对象予以公示。公示期为 {days} 个工作日。\n"
            + "\n".join(lines)
            + "\n如有异议，请在公示期内实名反映，并写明反映对象。"
        ),
        working_days=days,
        by=by,
    )


def _nominee_line(nomination: Nomination) -> str:
    member = nomination.subject
    return f"{member.name}（{member.branch.name}）"


# A 实名 objection to one nominee on the shortlist pauses that nominee only.
nomination_object = child_objection_filer(
    children=lambda campaign: campaign.nominations, node=_campaign_wait
)


def objection_targets(publicity: Publicity) -> list[tuple[int, str]]:
    return children_listed(children=publicity.case.nominations)


def campaign_publicity_close(*, campaign: Campaign) -> None:
    """The 公示 window has ended (timer): every nominee without an objection passes it."""
    parent_publicity_close(parent=campaign, children=campaign.nominations)


def _decided_on(data: dict, label: str) -> datetime.date:
    day = date_parse(data.get("decided_on") or timezone.localdate(), label)
    if day > timezone.localdate():
        raise CaseError(_("%(label)s %(date)s 晚于今天") % {"label": label, "date": day})
    return day


def _declined_ids(data: dict, opinion: str) -> set[int]:
    declined = _ids(data, "declined")
    if declined and not opinion.strip():
        raise CaseError(_("党委不同意部分人选时，须在意见中写明理由"))
    return declined


def party_confirm(campaign: Campaign, *, by, opinion, data, **_rest) -> None:
    on = _decided_on(data, _("党委审定日期"))
    declined = _declined_ids(data, opinion)
    passed = list(campaign.nominations.filter(status=NominationStatus.PUBLICITY_PASSED))
    unknown = declined - {n.pk for n in passed}
    if unknown:
        raise CaseError(_("不同意的人选须在待审定名单中"))
    for nomination in passed:
        outcome = "decline" if nomination.pk in declined else "confirm"
        case_transition(case=nomination, transition=outcome, by=by, opinion=opinion)
    case_transition(case=campaign, transition="party_confirm", by=by, opinion=opinion, on=on)
    gone = [n for n in passed if n.pk in declined]
    nominations_advance(nominations=gone)


def _honour_record(nomination: Nomination, *, on: datetime.date, number: str) -> Honour:
    return Honour(
        member=nomination.subject,
        org=nomination.nominee_org,
        category_code=nomination.category.code,
        title=nomination.category.name,
        year=nomination.campaign.year,
        awarded_by=nomination.campaign.org,
        awarded_on=on,
        nomination=nomination,
        document_number=number,
    )


def awards_grant(
    *, campaign: Campaign, nominations: list[Nomination], by, opinion: str, supplementary: bool
) -> None:
    """Award ``nominations``: their honours on the records, the decision and the certificates."""
    from .documents import certificates_issue, decision_issue

    on = timezone.localdate()
    number = decision_issue(
        campaign=campaign, nominations=nominations, by=by, supplementary=supplementary
    )
    for nomination in nominations:
        case_transition(case=nomination, transition="award", by=by, opinion=opinion)
    Honour.objects.bulk_create(_honour_record(n, on=on, number=number) for n in nominations)
    audit_record(
        action="award.grant",
        by=by,
        case=campaign,
        after=_("表彰 %(count)s 名（个）") % {"count": len(nominations)},
        data={"number": number, "nominations": [n.pk for n in nominations]},
    )
    certificates_issue(nominations=nominations, by=by)
    nominations_advance(nominations=nominations)


def decision_issue(campaign: Campaign, *, by, opinion, **_rest) -> None:
    confirmed = list(campaign.nominations.filter(status=NominationStatus.CONFIRMED))
    if not confirmed:
        raise CaseError(_("没有经党委审定的表彰对象"))
    case_transition(
        case=campaign, transition="decision_issue", by=by, opinion=opinion, on=timezone.localdate()
    )
    awards_grant(
        campaign=campaign, nominations=confirmed, by=by, opinion=opinion, supplementary=False
    )


def deeds_revise(nomination: Nomination, *, by, opinion, data, **_rest) -> None:
    deeds = data.get("deeds") or ""
    if not isinstance(deeds, str):
        raise CaseError(_("主要事迹应为文字"))
    deeds = deeds.strip()
    if deeds:
        if len(deeds) > nomination.category.deeds_max_chars:
            raise CaseError(
                _("主要事迹 %(length)s 字，超过 %(limit)s 字上限")
                % {"length": len(deeds), "limit": nomination.category.deeds_max_chars}
            )
        nomination.deeds = deeds
    case_transition(case=nomination, transition="resubmit", by=by, opinion=opinion)


def objection_decide(upheld: bool):
    def handler(nomination: Nomination, *, by, opinion, **_rest):
        listed_objection_decide(
            case=nomination, listing=nomination.campaign, by=by, upheld=upheld, opinion=opinion
        )

    return handler


def late_confirm(nomination: Nomination, *, by, opinion, **_rest) -> None:
    case_transition(case=nomination, transition="confirm", by=by, opinion=opinion)
    campaign = nomination.campaign
    if campaign.status == CampaignStatus.DECIDED:
        awards_grant(
            campaign=campaign, nominations=[nomination], by=by, opinion=opinion, supplementary=True
        )


# The entry points of every 五四评优 step; the steps and their handlers are in process.py.
campaign_act = task_act
nomination_act = task_act
