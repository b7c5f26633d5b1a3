"""Writes for 青年文明号 cycles: creating and opening a cycle, its rubric, each collective's
创建备案 and 申报, the cycle's assessment, 公示 and 命名, and every step's one transition.
互检互查 writes are in ``peer_review``, the yearly review's in ``yearly``, rosters and groups
in ``roster``."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.engine.bounds import PAST_DATES, PROCESS_DATES
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
from workflows.engine.services.attachments import attachment_add
from workflows.engine.services.cases import case_register, case_transition, opinion_record
from workflows.engine.services.publicity import listed_objection_decide, publicity_open
from workflows.org.models import Organization
from workflows.org.selectors import leads
from workflows.rules.calendar import working_days_add
from workflows.rules.selectors import rules_resolve
from workflows.wording import date_text

from . import conditions, documents, peer_review
from .models import (
    APPLICATION_HOLDING,
    FILING_HOLDING,
    RUBRIC_EDITABLE,
    ApplicationStatus,
    Collective,
    Cycle,
    CycleStatus,
    EventKind,
    Filing,
    FilingStatus,
    PostApplication,
    Recognition,
    RecognitionEvent,
    RubricVersion,
    Stars,
)
from .presets import default_rubric
from .records import collective_facts, collective_problems
from .rubric import Rubric, score_sheet
from .scoring import star_level

PROCESS_KEY = "civilization_post"
EVIDENCE = "evidence"


def cycle_managed_by(*, cycle: Cycle, user: AbstractBaseUser) -> bool:
    """The organising committee's secretary and deputies run the cycle."""
    return leads(user=user, org=cycle.org, on=timezone.localdate())


def _manager_or_refuse(cycle: Cycle, by: AbstractBaseUser) -> None:
    if not cycle_managed_by(cycle=cycle, user=by):
        raise NotAllowed(_("只有%(org)s书记、副书记可以办理") % {"org": cycle.org.name})


# --- the cycle ---------------------------------------------------------------


def cycle_create(
    *,
    org: Organization,
    title: str,
    start_year: int,
    filing_deadline: datetime.date,
    application_deadline: datetime.date,
    notice: str,
    by: AbstractBaseUser,
) -> Cycle:
    """A draft cycle with the usual rubric, ready to edit before the 创建通知 goes out."""
    if not leads(user=by, org=org, on=timezone.localdate()):
        raise NotAllowed(_("只有%(org)s书记、副书记可以发起青年文明号创建评审") % {"org": org.name})
    if not title.strip() or not notice.strip():
        raise CaseError(_("请填写届期名称和通知正文"))
    PROCESS_DATES.check(filing_deadline, _("创建备案截止日"))
    PROCESS_DATES.check(application_deadline, _("申报截止日"))
    rules = rules_resolve(process=PROCESS_KEY, org=org, on=timezone.localdate())
    cycle = Cycle(
        org=org,
        org_path=org.path,
        applicant=by,
        title=title.strip(),
        start_year=start_year,
        filing_deadline=filing_deadline,
        application_deadline=application_deadline,
        notice=notice.strip(),
        rulebook=rules.rulebook,
        rules_snapshot=rules.snapshot(),
    )
    problems = conditions.schedule_problems(cycle)
    if problems:
        raise RuleViolation(problems)
    with transaction.atomic():
        case_register(case=cycle, prefix="WM", by=by, data={"rules": rules.label})
        RubricVersion.objects.create(
            cycle=cycle, version=1, sections=default_rubric().as_data(), created_by=by
        )
    return cycle


def rubric_update(*, cycle: Cycle, rubric: Rubric, by: AbstractBaseUser) -> RubricVersion:
    """Save the rubric as the cycle's next version; it is fixed once the 申报通知 is out."""
    _manager_or_refuse(cycle, by)
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.status not in RUBRIC_EDITABLE:
            raise CaseError(_("申报通知已发布，考核评分细则不能再修改"))
        latest = cycle.rubric_version()
        version = RubricVersion.objects.create(
            cycle=cycle,
            version=(latest.version if latest else 0) + 1,
            sections=rubric.as_data(),
            created_by=by,
        )
        audit_record(
            action="post.rubric",
            by=by,
            case=cycle,
            before=f"v{latest.version}" if latest else "",
            after=_("v%(version)s，%(sections)s 部分 %(items)s 项，满分 %(max)s 分")
            % {
                "version": version.version,
                "sections": len(rubric.sections),
                "items": len(rubric.items),
                "max": rubric.max,
            },
        )
    return version


def cycle_open(*, cycle: Cycle, by: AbstractBaseUser) -> Cycle:
    """Publish the 创建通知: 创建备案 is accepted until the filing deadline."""
    from .flows import CycleFlow

    _manager_or_refuse(cycle, by)
    with transaction.atomic():
        case_transition(case=cycle, transition="cycle_open", by=by)
        CycleFlow.start.run(case=cycle)
        documents.notice_issue(cycle=cycle, by=by)
    return cycle


def cycle_publicity_close(*, cycle: Cycle) -> None:
    """The 公示 window has ended (timer): every applicant without an objection passes it."""
    parent_publicity_close(parent=cycle, children=cycle.applications)


# --- 创建备案 and 申报 ----------------------------------------------------------


def _sent_by_unit(*, by: AbstractBaseUser, collective: Collective, cycle: Cycle) -> bool:
    """Whether ``by`` sends for the collective's league organisation (True) or is one of its
    own 号长/副号长 (False); anyone else is refused."""
    if not collective.org_path.startswith(cycle.org_path):
        raise CaseError(
            _("%(name)s不在%(org)s范围内") % {"name": collective.name, "org": cycle.org.name}
        )
    if leads(user=by, org=collective.org, on=timezone.localdate()):
        return True
    if any(p.user_id == by.pk and p.role in ("leader", "deputy") for p in collective.roster()):
        return False
    raise NotAllowed(_("只有该集体的号长、副号长或其所属团组织书记可以办理"))


def _basic_check(*, collective: Collective, rules) -> dict:
    """The roster's basic conditions today, or a refusal naming each failing number."""
    today = timezone.localdate()
    problems = collective_problems(collective=collective, on=today, rules=rules)
    if problems:
        raise RuleViolation([f"{collective.name}：{problem}" for problem in problems])
    return collective_facts(collective=collective, on=today, rules=rules).as_data()


def _required(values: dict[str, str]) -> dict[str, str]:
    cleaned = {key: (value or "").strip() for key, value in values.items()}
    missing = [key for key, value in cleaned.items() if not value]
    if missing:
        raise CaseError(_("请填写：%(fields)s") % {"fields": "、".join(missing)})
    return cleaned


def filing_submit(
    *,
    cycle: Cycle,
    collective: Collective,
    plan: str,
    targets: str,
    carriers: str,
    slogan: str,
    pledge: str,
    by: AbstractBaseUser,
) -> Filing:
    """创建备案 of ``collective`` in ``cycle``: on time, meeting the basic conditions."""
    from .flows import FilingFlow

    if not cycle.accepts_filings:
        raise CaseError(_in_time_refusal(cycle, cycle.filing_deadline, CycleStatus.FILING))
    by_unit = _sent_by_unit(by=by, collective=collective, cycle=cycle)
    text = _required(
        {
            "创建规划": plan,
            "创建目标": targets,
            "创建载体": carriers,
            "创建口号": slogan,
            "岗位承诺": pledge,
        }
    )
    rules = conditions.rules_of(cycle)
    facts = _basic_check(collective=collective, rules=rules)
    filing = Filing(
        org=collective.org,
        org_path=collective.org_path,
        applicant=by,
        cycle=cycle,
        collective=collective,
        by_unit=by_unit,
        plan=text["创建规划"],
        targets=text["创建目标"],
        carriers=text["创建载体"],
        slogan=text["创建口号"],
        pledge=text["岗位承诺"],
        basic_facts=facts,
        status=FilingStatus.UNIT_APPROVED if by_unit else FilingStatus.SUBMITTED,
        rulebook_id=cycle.rulebook_id,
        rules_snapshot=cycle.rules_snapshot,
    )
    with transaction.atomic():
        _registered_once(
            case=filing,
            held=cycle.filings.filter(collective=collective, status__in=FILING_HOLDING),
            refusal=_("%(name)s已在本届期创建备案（%(reference)s）"),
            prefix="WB",
            by=by,
            data={"by_unit": by_unit},
        )
        FilingFlow.start.run(case=filing)
    return filing


def _registered_once(*, case, held, refusal: str, prefix: str, by, data: dict) -> None:
    """Register ``case`` unless its collective already holds a place (``held``: its live cases
    of the kind in the cycle); the collective's row lock makes a second send wait its turn."""
    Collective.objects.select_for_update().filter(pk=case.collective_id).first()
    taken = held.first()
    if taken is not None:
        raise CaseError(refusal % {"name": case.collective.name, "reference": taken.reference})
    case_register(case=case, prefix=prefix, by=by, data=data)


def _in_time_refusal(cycle: Cycle, deadline: datetime.date, stage: str) -> str:
    if cycle.status == stage:
        return _("「%(title)s」已于 %(date)s 截止") % {
            "title": cycle.title,
            "date": date_text(deadline),
        }
    return _("「%(title)s」当前为「%(status)s」阶段，不受理") % {
        "title": cycle.title,
        "status": cycle.get_status_display(),
    }


def application_submit(
    *,
    cycle: Cycle,
    collective: Collective,
    summary: str,
    scores: dict,
    by: AbstractBaseUser,
    evidence: list[UploadedFile] | None = None,
) -> PostApplication:
    """申报 of a collective filed in ``cycle``: its self-assessment on the cycle's rubric and the
    evidence for it, checked against the basic conditions."""
    from .flows import ApplicationFlow

    if not cycle.accepts_applications:
        raise CaseError(_in_time_refusal(cycle, cycle.application_deadline, CycleStatus.APPLYING))
    by_unit = _sent_by_unit(by=by, collective=collective, cycle=cycle)
    summary = _required({"创建工作总结": summary})["创建工作总结"]
    rubric_version = cycle.rubric_version()
    sheet, total = score_sheet(rubric_version.rubric, scores)
    rules = conditions.rules_of(cycle)
    facts = _basic_check(collective=collective, rules=rules)
    application = PostApplication(
        org=collective.org,
        org_path=collective.org_path,
        applicant=by,
        cycle=cycle,
        collective=collective,
        rubric=rubric_version,
        by_unit=by_unit,
        summary=summary,
        self_scores=sheet,
        self_total=total,
        basic_facts=facts,
        status=ApplicationStatus.UNIT_APPROVED if by_unit else ApplicationStatus.SUBMITTED,
        rulebook_id=cycle.rulebook_id,
        rules_snapshot=cycle.rules_snapshot,
    )
    if not conditions.filed_in_cycle(application):
        raise RuleViolation([_("%(name)s未在本届期创建备案，不能申报") % {"name": collective.name}])
    with transaction.atomic():
        _registered_once(
            case=application,
            held=cycle.applications.filter(collective=collective, status__in=APPLICATION_HOLDING),
            refusal=_("%(name)s已在本届期申报（%(reference)s）"),
            prefix="WS",
            by=by,
            data={"by_unit": by_unit, "self_total": str(total), "rubric": rubric_version.version},
        )
        for upload in evidence or []:
            attachment_add(case=application, by=by, upload=upload, purpose=EVIDENCE)
        ApplicationFlow.start.run(case=application)
    return application


def _cycle_wait():
    """Where applications wait on their cycle (read late: flows imports this module)."""
    from .flows import ApplicationFlow

    return ApplicationFlow.cycle_wait


def applications_advance(*, applications: list[PostApplication]) -> None:
    """Once the cycle's step commits, let the applications it moved go on from waiting on it
    to their next step (or their end)."""
    children_resume_after_commit(children=applications, node=_cycle_wait())


# --- the cycle's steps ---------------------------------------------------------


def applications_open(cycle: Cycle, *, by, opinion, data, **_rest) -> None:
    if data.get("application_deadline"):
        deadline = date_parse(data["application_deadline"], _("申报截止日"))
        if deadline < timezone.localdate():
            raise CaseError(_("申报截止日不能早于今天"))
        problems = conditions.application_deadline_problems(cycle, deadline)
        if problems:
            raise RuleViolation(problems)
        cycle.application_deadline = deadline
    case_transition(case=cycle, transition="applications_open", by=by, opinion=opinion)
    documents.application_notice_issue(cycle=cycle, by=by)


def peer_review_start(cycle: Cycle, *, by, opinion, data, **_rest) -> None:
    today = timezone.localdate()
    if data.get("review_due_on"):
        due_on = date_parse(data["review_due_on"], _("互检互查截止日"))
        if not today < due_on <= today + datetime.timedelta(days=366):
            raise CaseError(_("互检互查截止日须在今天之后的一年内"))
    else:
        days = conditions.rules_of(cycle).int("peer_review_working_days")
        due_on = working_days_add(start=today, days=days)
    case_transition(
        case=cycle, transition="peer_review_open", by=by, opinion=opinion, due_on=due_on
    )
    peer_review.reviews_assign(cycle=cycle, due_on=due_on, by=by)


def _stars_given(data: dict) -> dict[int, int]:
    """``{"stars": {"<application id>": 0–3}}``: 0 leaves the collective out."""
    given = data.get("stars") or {}
    if not isinstance(given, dict) or not all(str(key).isdigit() for key in given):
        raise CaseError(_("「stars」应为“申报编号: 星级（0–3）”的对照"))
    result = {int(key): star_level(value, allow_zero=True) for key, value in given.items()}
    if None in result.values():
        raise CaseError(_("星级只能是 0（不予命名）或 1–3"))
    return result


def _assessment_words(result, stars: int) -> str:
    words = result.summary
    if stars:
        return _("%(words)s；拟命名为%(stars)s青年文明号") % {
            "words": words,
            "stars": Stars(stars).label,
        }
    return _("%(words)s；不予命名") % {"words": words}


def assessment_publish(cycle: Cycle, *, by, opinion, data, **_rest) -> None:
    given = _stars_given(data)
    missing = peer_review.reviews_missing(cycle=cycle)
    if missing and not data.get("allow_missing"):
        raise CaseError(
            _(
                "尚有 %(count)s 份互检互查评分未提交（%(names)s）；"
                "如不再等待，请勾选“未提交的评分不再等待”"
            )
            % {
                "count": len(missing),
                "names": "、".join(sorted({r.reviewer_collective.name for r in missing})),
            }
        )
    results = peer_review.cycle_results(cycle=cycle)
    problems, decided = [], []
    for result in results:
        application = result.application
        application.peer_mean = result.mean.value
        application.peer_count = result.count
        stars = given.get(application.pk, result.suggested)
        application.stars = stars or None
        if stars:
            problems.extend(conditions.application_problems(application, "propose"))
        decided.append((result, stars))
    if problems:
        raise RuleViolation(problems)
    if not any(stars for _result, stars in decided):
        raise CaseError(_("没有拟命名的集体，无法公示"))
    for result, stars in decided:
        words = _assessment_words(result, stars)
        transition = "propose" if stars else "leave_out"
        case_transition(case=result.application, transition=transition, by=by, opinion=words)
        opinion_record(
            case=result.application, by=by, step="团委评定", decision=Decision.RECORD, text=words
        )
    case_transition(case=cycle, transition="assessment_publish", by=by, opinion=opinion)
    _proposal_publicity(cycle, [r.application for r, stars in decided if stars], by)
    left_out = [r.application for r, stars in decided if not stars]
    applications_advance(applications=left_out)


def _proposal_publicity(cycle: Cycle, proposed: list[PostApplication], by) -> Publicity:
    days = conditions.rules_of(cycle).int("publicity_working_days")
    lines = []
    for stars in sorted(Stars.values, reverse=True):
        names = [a.collective.name for a in proposed if a.stars == stars]
        if names:
            lines.append(f"{Stars(stars).label}（{len(names)}个）：{'、'.join(names)}")
    return publicity_open(
        case=cycle,
        org=cycle.org,
        title=f"关于{cycle.title}拟命名青年文明号集体的公示",
        content=(
            f"经各集体申报、单位团组织审核、{cycle.org.name}资格审查、互检互查和综合评定，"
            f"现将{cycle.title}拟命名的青年文明号集体予以公示。公示期为 {days} 个工作日。\n"
            + "\n".join(lines)
            + "\n如有异议，请在公示期内实名反映，并写明反映对象。"
        ),
        working_days=days,
        by=by,
    )


# A 实名 objection to one collective on the list pauses that collective only.
application_object = child_objection_filer(
    children=lambda cycle: cycle.applications, node=_cycle_wait
)


def objection_targets(publicity: Publicity) -> list[tuple[int, str]]:
    return children_listed(children=publicity.case.applications.select_related("collective"))


def recognitions_grant(
    *,
    cycle: Cycle,
    applications: list[PostApplication],
    by: AbstractBaseUser,
    opinion: str,
    supplementary: bool,
) -> list[Recognition]:
    """命名 ``applications``: the recognitions on the collectives' records, the 命名决定 and a
    plaque for each."""
    on = timezone.localdate()
    number = documents.decision_issue(
        cycle=cycle, applications=applications, by=by, supplementary=supplementary
    )
    recognitions = []
    for application in applications:
        case_transition(case=application, transition="recognise", by=by, opinion=opinion)
        recognition = Recognition.objects.create(
            collective=application.collective,
            cycle=cycle,
            application=application,
            title=f"{cycle.years_text}年度{cycle.org.name}青年文明号",
            stars=application.stars,
            awarded_by=cycle.org,
            recognised_on=on,
            document_number=number,
        )
        RecognitionEvent.objects.create(
            recognition=recognition,
            kind=EventKind.RECOGNISED,
            on=on,
            stars_after=application.stars,
            note=number,
            by=by,
        )
        recognitions.append(recognition)
    audit_record(
        action="post.recognise",
        by=by,
        case=cycle,
        after=_("命名 %(count)s 个集体") % {"count": len(recognitions)},
        data={"number": number, "applications": [a.pk for a in applications]},
    )
    documents.plaques_issue(recognitions=recognitions, by=by)
    applications_advance(applications=applications)
    return recognitions


def recognition_import(
    *,
    collective: Collective,
    title: str,
    stars: int,
    recognised_on: datetime.date,
    document_number: str,
    by: AbstractBaseUser,
    awarded_by: Organization,
) -> Recognition:
    """补录 a recognition made before the committee used this system (from its paper record),
    so the yearly review and later eligibility see it."""
    if not leads(user=by, org=awarded_by, on=timezone.localdate()):
        raise NotAllowed(_("只有%(org)s书记、副书记可以补录") % {"org": awarded_by.name})
    if stars not in Stars.values:
        raise CaseError(_("星级只能是 1–3"))
    PAST_DATES.check(recognised_on, _("命名日期"))
    if not collective.org_path.startswith(awarded_by.path):
        raise CaseError(
            _("%(name)s不在%(org)s范围内") % {"name": collective.name, "org": awarded_by.name}
        )
    with transaction.atomic():
        recognition = Recognition.objects.create(
            collective=collective,
            title=title.strip(),
            stars=stars,
            awarded_by=awarded_by,
            recognised_on=recognised_on,
            document_number=document_number.strip(),
        )
        RecognitionEvent.objects.create(
            recognition=recognition,
            kind=EventKind.RECOGNISED,
            on=recognised_on,
            stars_after=stars,
            note=_("补录：%(number)s") % {"number": document_number.strip() or "—"},
            by=by,
        )
        audit_record(
            action="post.recognise",
            by=by,
            org=collective.org,
            after=f"{collective.name} {Stars(stars).label}{recognition.title}",
            data={"imported": True, "number": document_number},
        )
    return recognition


def recognition_issue(cycle: Cycle, *, by, opinion, **_rest) -> None:
    passed = list(
        cycle.applications.filter(status=ApplicationStatus.PUBLICITY_PASSED).select_related(
            "collective"
        )
    )
    if not passed:
        raise CaseError(_("没有公示无异议的拟命名集体"))
    case_transition(
        case=cycle, transition="decision_issue", by=by, opinion=opinion, on=timezone.localdate()
    )
    recognitions_grant(
        cycle=cycle, applications=passed, by=by, opinion=opinion, supplementary=False
    )


# --- each case's steps -----------------------------------------------------------


def _revised_text(data: dict, key: str, label: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise CaseError(_("「%(label)s」应为文字") % {"label": label})
    return value.strip() or None


def filing_resubmit(filing: Filing, *, by, opinion, data, **_rest) -> None:
    for key, label in (
        ("plan", _("创建规划")),
        ("targets", _("创建目标")),
        ("carriers", _("创建载体")),
        ("slogan", _("创建口号")),
        ("pledge", _("岗位承诺")),
    ):
        value = _revised_text(data, key, label)
        if value is not None:
            setattr(filing, key, value)
    case_transition(case=filing, transition="resubmit", by=by, opinion=opinion)


def application_resubmit(application: PostApplication, *, by, opinion, data, **_rest) -> None:
    summary = _revised_text(data, "summary", _("创建工作总结"))
    if summary is not None:
        application.summary = summary
    if data.get("scores"):
        sheet, total = score_sheet(application.rubric.rubric, data["scores"])
        application.self_scores, application.self_total = sheet, total
    case_transition(case=application, transition="resubmit", by=by, opinion=opinion)


def objection_decide(upheld: bool):
    def handler(application: PostApplication, *, by, opinion, **_rest):
        cycle = application.cycle
        listed_objection_decide(
            case=application, listing=cycle, by=by, upheld=upheld, opinion=opinion
        )
        if not upheld and cycle.status == CycleStatus.DECIDED:
            recognitions_grant(
                cycle=cycle, applications=[application], by=by, opinion=opinion, supplementary=True
            )

    return handler


# The entry points of every 青年文明号 step; the steps and their handlers are in process.py.
cycle_act = task_act
filing_act = task_act
application_act = task_act
