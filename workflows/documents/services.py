"""Writes: 发文字号 allocation and document issue.

Context builders (each process's ``pdf.py``) return plain JSON data — strings, numbers, lists,
dicts, dates already formatted with ``formatting.date_cn`` — because a render that fails after a
decision is stored with its arguments and re-run later by ``manage.py documents_retry``.
"""

from __future__ import annotations

import json
import logging
import traceback
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from workflows.org.models import Organization

from .formatting import date_cn
from .models import DocumentFailure, DocumentNumberCounter, IssuedDocument, LenientJSONEncoder
from .rendering import pdf_render, render_worker_start
from .verification import checkpoint_printed, sha256_of, short_code_new, verification_context

logger = logging.getLogger(__name__)


def document_number_next(*, issuer: Organization, year: int) -> str:
    """Next 发文字号 of ``issuer`` in ``year``, e.g. ``卫团发〔2026〕3号``; no zero padding."""
    if not issuer.issuer_mark:
        raise ValueError(f"{issuer}未设置发文机关代字")
    with transaction.atomic():
        DocumentNumberCounter.objects.get_or_create(issuer=issuer, year=year)
        counter = DocumentNumberCounter.objects.select_for_update().get(issuer=issuer, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{issuer.issuer_mark}发〔{year}〕{counter.last}号"


def _unused_short_code() -> str:
    while True:
        code = short_code_new()
        if not IssuedDocument.objects.filter(short_code=code).exists():
            return code


def document_issue(
    *,
    kind: str,
    title: str,
    template: str,
    context: dict,
    subject: models.Model | None,
    org: Organization,
    by: AbstractBaseUser | None,
    decisions: list[dict],
    number: str = "",
) -> IssuedDocument:
    """Render, store and register a PDF; re-issuing ``kind`` for ``subject`` adds a version."""
    short_code, render_context = _prepared(
        title=title, context=context, org=org, decisions=decisions, number=number
    )
    pdf = pdf_render(template=template, context=render_context)
    return _stored(
        kind=kind,
        title=title,
        subject=subject,
        org=org,
        by=by,
        decisions=decisions,
        number=number,
        short_code=short_code,
        pdf=pdf,
    )


def _prepared(
    *, title: str, context: dict, org: Organization, decisions: list[dict], number: str
) -> tuple[str, dict]:
    """A fresh short code and the full template context that prints it."""
    short_code = _unused_short_code()
    today = date_cn(timezone.localdate())
    return short_code, {
        "issuer_mark": f"{org.name}文件",
        "printer": org.name,
        "date": today,
        "decisions": decisions,
        **context,
        "title": title,
        "number": number,
        "issued_on": today,
        "verification": {**verification_context(short_code), "checkpoint": checkpoint_printed()},
    }


def _stored(
    *,
    kind: str,
    title: str,
    subject: models.Model | None,
    org: Organization,
    by: AbstractBaseUser | None,
    decisions: list[dict],
    number: str,
    short_code: str,
    pdf: bytes,
) -> IssuedDocument:
    from workflows.audit.services import audit_record

    subject_type = ContentType.objects.get_for_model(subject) if subject is not None else None

    with transaction.atomic():
        previous = None
        if subject is not None:
            previous = (
                IssuedDocument.objects.select_for_update()
                .filter(kind=kind, subject_type=subject_type, subject_id=subject.pk)
                .order_by("-version")
                .first()
            )
        document = IssuedDocument(
            kind=kind,
            title=title,
            subject_type=subject_type,
            subject_id=subject.pk if subject is not None else None,
            org=org,
            org_path=org.path,
            number=number,
            version=previous.version + 1 if previous else 1,
            short_code=short_code,
            sha256=sha256_of(pdf),
            size=len(pdf),
            decisions=decisions,
            created_by=by,
            supersedes=previous,
        )
        document.file.save(
            f"{kind}-{short_code}-v{document.version}.pdf", ContentFile(pdf), save=False
        )
        try:
            document.save()
            audit_record(
                action="document.issue",
                by=by,
                org=org,
                case=subject,
                after=f"{title} v{document.version}",
                data={"sha256": document.sha256, "short_code": short_code, "number": number},
            )
        except BaseException:
            document.file.delete(save=False)
            raise
    return document


def _arguments_plain(arguments: dict) -> dict:
    """The stored retry arguments: models become ids, everything else JSON."""
    plain = {key: value for key, value in arguments.items() if key not in {"subject", "org", "by"}}
    plain["org_id"] = arguments["org"].pk
    plain["by_id"] = arguments["by"].pk if arguments["by"] is not None else None
    return json.loads(json.dumps(plain, cls=LenientJSONEncoder))


def _failure_record(arguments: dict) -> None:
    # The decision that scheduled this render has committed; it must stand. Keep what is
    # needed to render again instead.
    logger.exception("document render failed: %s", arguments["kind"])
    subject = arguments["subject"]
    DocumentFailure.objects.create(
        kind=arguments["kind"],
        subject_type=ContentType.objects.get_for_model(subject) if subject else None,
        subject_id=subject.pk if subject is not None else None,
        error=traceback.format_exc(),
        arguments=_arguments_plain(arguments),
    )


def _document_issue_or_record(arguments: dict) -> IssuedDocument | None:
    try:
        return document_issue(**arguments)
    except Exception:
        _failure_record(arguments)
        return None


STORED_FIELDS = ("kind", "title", "subject", "org", "by", "decisions", "number")


def documents_issue_batch(*, batch: list[dict], workers: int) -> int:
    """Issue many documents (each ``document_issue`` arguments), rendering in ``workers``
    processes when the batch is large enough to repay starting them; stored one by one in this
    process. A failed one is recorded for retry and the rest go on. Returns how many issued."""
    if workers < 2 or len(batch) < settings.PDF_BATCH_POOL_MIN:
        return sum(1 for arguments in batch if _document_issue_or_record(arguments) is not None)
    prepared = []
    for arguments in batch:
        short_code, render_context = _prepared(
            title=arguments["title"],
            context=arguments["context"],
            org=arguments["org"],
            decisions=arguments["decisions"],
            number=arguments["number"],
        )
        prepared.append((arguments, short_code, render_context))
    issued = 0
    # Spawned, not forked: a forked child would share this process's database connection.
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("spawn"), initializer=render_worker_start
    ) as pool:
        futures = [
            pool.submit(pdf_render, template=arguments["template"], context=render_context)
            for arguments, _code, render_context in prepared
        ]
        for (arguments, short_code, _context), future in zip(prepared, futures, strict=True):
            try:
                fields = {key: arguments[key] for key in STORED_FIELDS}
                _stored(**fields, short_code=short_code, pdf=future.result())
            except Exception:
                _failure_record(arguments)
            else:
                issued += 1
    return issued


def document_issue_after_commit(
    *,
    kind: str,
    title: str,
    template: str,
    context: dict,
    subject: models.Model | None,
    org: Organization,
    by: AbstractBaseUser | None,
    decisions: list[dict],
    number: str = "",
) -> None:
    """Issue once the surrounding transaction commits; a failure becomes a DocumentFailure."""
    arguments = {
        "kind": kind,
        "title": title,
        "template": template,
        "context": context,
        "subject": subject,
        "org": org,
        "by": by,
        "decisions": decisions,
        "number": number,
    }
    try:
        json.dumps(context)
    except TypeError:
        logger.warning(
            "context for %s is not plain JSON; a retry would render it differently", kind
        )
    transaction.on_commit(lambda: _document_issue_or_record(arguments))


def document_failure_retry(*, failure: DocumentFailure) -> IssuedDocument | None:
    """Render a failed document again from its stored arguments; resolves it on success."""
    arguments = dict(failure.arguments)
    try:
        org = Organization.objects.get(pk=arguments.pop("org_id"))
        by_id = arguments.pop("by_id")
        by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
        subject = None
        if failure.subject_type_id:
            subject = failure.subject_type.get_object_for_this_type(pk=failure.subject_id)
        with transaction.atomic():
            document = document_issue(**arguments, subject=subject, org=org, by=by)
    except Exception:
        logger.exception("document retry failed: failure %s", failure.pk)
        failure.attempts += 1
        failure.error = traceback.format_exc()
        failure.save(update_fields=["attempts", "error"])
        return None
    failure.resolved_at = timezone.now()
    failure.document = document
    failure.save(update_fields=["resolved_at", "document"])
    return document
