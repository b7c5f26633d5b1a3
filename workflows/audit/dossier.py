"""The per-case dossier (案卷): the case, its steps, documents, attachments and audit events with
their chain links, printed as an issued, verifiable document."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.documents.jobs import zip_job_kinds_register
from workflows.documents.models import IssuedDocument
from workflows.documents.selectors import document_kinds_register, documents_for
from workflows.documents.services import document_issue
from workflows.documents.verification import sha256_of, verification_url
from workflows.engine.models import Attachment, CaseBase
from workflows.engine.registry import process_for_model_label, processes
from workflows.engine.selectors import active_tasks_of, case_decisions, case_timeline
from workflows.wording import person_name

from .case_chain import case_chain_verify
from .models import AuditEvent
from .selectors import case_timeline_for, events_for_case_key, events_for_print

DOSSIER_KIND = "case_dossier"
DOSSIER_TEMPLATE = "audit/pdf/dossier.html"
DOSSIER_ZIP_KIND = "case_dossiers"
# Each dossier is rendered on its own; a larger set is better narrowed by the filters.
DOSSIER_ZIP_MAX = 200


def _at(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def _case_models() -> dict[int, type[CaseBase]]:
    models = [entry.case_model for entry in processes()]
    return {ContentType.objects.get_for_model(model).pk: model for model in models}


def dossier_case(*, case_type_id: int, case_id: int) -> CaseBase | None:
    """The case an audit timeline is about, when it is a case of a process."""
    model = _case_models().get(case_type_id)
    if model is None:
        return None
    return model.objects.filter(pk=case_id).select_related("org", "applicant").first()


def dossier_case_keys(*, events: QuerySet[AuditEvent]) -> list[list[int]]:
    """``[case type id, case id]`` of each process case ``events`` are about, once each; at
    most one more than ``DOSSIER_ZIP_MAX``, so that a caller can tell the set is too large."""
    keys = (
        events.filter(case_type_id__in=list(_case_models()), case_id__isnull=False)
        .order_by()
        .values_list("case_type_id", "case_id")
        .distinct()
    )
    return [list(key) for key in sorted(keys[: DOSSIER_ZIP_MAX + 1])]


def dossier_latest(*, case: CaseBase) -> IssuedDocument | None:
    return documents_for(subject=case, kind=DOSSIER_KIND).order_by("-version").first()


def _steps(case: CaseBase) -> list[dict]:
    steps = []
    for entry in case_timeline(case=case, active_tasks=active_tasks_of(case=case)):
        if entry["kind"] == "submit":
            steps.append({"step": _("提交申请"), "by": entry["by"], "at": _at(entry["at"])})
        elif entry["kind"] == "pending":
            waiting = entry["by"] or entry["queue"]
            steps.append({"step": entry["step"], "by": waiting, "decision": _("办理中"), "at": ""})
        else:
            steps.append({**entry, "at": _at(entry["at"])})
    return steps


def _documents(case: CaseBase) -> list[dict]:
    return [
        {
            "title": document.title,
            "number": document.number,
            "version": document.version,
            "sha256": document.sha256,
            "short_code": document.short_code,
            "url": verification_url(document.short_code),
            "at": _at(document.created_at),
        }
        for document in documents_for(subject=case).exclude(kind=DOSSIER_KIND).order_by("pk")
    ]


def _file_state(attachment: Attachment) -> str:
    try:
        with attachment.file.open("rb") as stream:
            actual = sha256_of(stream)
    except (FileNotFoundError, ValueError):
        return _("文件缺失")
    return _("文件一致") if actual == attachment.sha256 else _("文件已改动")


def _attachments(case: CaseBase) -> list[dict]:
    return [
        {
            "name": attachment.original_name,
            "size": attachment.size,
            "by": person_name(attachment.uploaded_by),
            "at": _at(attachment.uploaded_at),
            "sha256": attachment.sha256,
            "state": _file_state(attachment),
        }
        for attachment in Attachment.objects.for_case(case).select_related("uploaded_by")
    ]


def _events(events: QuerySet[AuditEvent]) -> list[dict]:
    return [
        {
            "id": event.pk,
            "at": _at(event.created_at),
            "by": event.actor_name or _("系统"),
            "org": event.org.name if event.org else "",
            "action": event.action_label,
            "change": f"{event.before or '—'} → {event.after or '—'}"
            if event.before or event.after
            else "",
            "opinion": event.opinion,
            "prev_hash": event.prev_hash,
            "hash": event.hash,
        }
        for event in events_for_print(events)
    ]


def dossier_context(*, case: CaseBase, by: AbstractBaseUser) -> dict:
    """Plain data the dossier template prints."""
    case_type_id = ContentType.objects.get_for_model(case).pk
    events = events_for_case_key(case_type_id=case_type_id, case_id=case.pk)
    chain = case_chain_verify(case_type_id=case_type_id, case_id=case.pk)
    return {
        "case": {
            "reference": case.reference,
            "headline": case.headline,
            "process": str(process_for_model_label(case._meta.label_lower).label),
            "unit": case.org.name,
            "status": case.get_status_display(),
            "created_at": _at(case.created_at),
            "updated_at": _at(case.updated_at),
        },
        "generated_by": person_name(by),
        "generated_at": _at(timezone.now()),
        "steps": _steps(case),
        "documents": _documents(case),
        "attachments": _attachments(case),
        "events": _events(events.select_related("org")),
        "chain": {
            "ok": chain.ok,
            "checked": chain.checked,
            "broken_id": chain.broken_id,
            "findings": [finding.message for finding in chain.findings],
        },
    }


def case_dossier_issue(*, case: CaseBase, by: AbstractBaseUser) -> IssuedDocument:
    """Issue the case's dossier as it stands now: the next version when one exists."""
    return document_issue(
        kind=DOSSIER_KIND,
        title=_("%(reference)s %(headline)s 案卷")
        % {
            "reference": case.reference,
            "headline": case.headline,
        },
        template=DOSSIER_TEMPLATE,
        context=dossier_context(case=case, by=by),
        subject=case,
        org=case.org,
        by=by,
        decisions=case_decisions(case=case),
    )


def _dossier_part(*, item: list[int], by: AbstractBaseUser) -> tuple[str, IssuedDocument]:
    """One case's dossier for a ZIP job, issued anew; a case no longer in ``by``'s scope fails
    the job rather than leaving a silent gap."""
    case_type_id, case_id = item
    case = None
    if case_timeline_for(user=by, case_type_id=case_type_id, case_id=case_id) is not None:
        case = dossier_case(case_type_id=case_type_id, case_id=case_id)
    if case is None:
        raise LookupError(_("案件 #%(id)s 不在您的审计范围内") % {"id": case_id})
    document = case_dossier_issue(case=case, by=by)
    return f"{case.reference}-v{document.version}.pdf", document


document_kinds_register({DOSSIER_KIND: gettext_lazy("案卷")})
zip_job_kinds_register({DOSSIER_ZIP_KIND: _dossier_part})
