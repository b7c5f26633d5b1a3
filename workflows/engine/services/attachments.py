"""Attachments: size and type are checked from the bytes, never from the file name."""

from __future__ import annotations

import hashlib

import filetype
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from workflows.audit.services import audit_record
from workflows.wording import list_text

from ..errors import CaseError, NotAllowed
from ..models import Attachment
from ..visibility import case_visible_to

_TYPE_NAMES = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (docx)",
}


def attachment_add(
    *,
    case: models.Model,
    by: AbstractBaseUser,
    upload: UploadedFile,
    task: Task | None = None,
    purpose: str = "",
) -> Attachment:
    if not case_visible_to(case=case, user=by):
        raise NotAllowed(_("无权向该案件上传附件"))
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise CaseError(
            _("附件「%(name)s」大小 %(size)s MB，超过上限 %(limit)s MB")
            % {
                "name": upload.name,
                "size": f"{upload.size / 1048576:.1f}",
                "limit": f"{limit / 1048576:.0f}",
            }
        )
    content = upload.read()
    kind = filetype.guess(content)
    mime = kind.mime if kind else "application/octet-stream"
    allowed = settings.ATTACHMENT_ALLOWED_TYPES
    if mime not in allowed:
        names = list_text(_TYPE_NAMES.get(m, m) for m in allowed)
        raise CaseError(
            _("附件「%(name)s」的实际内容不是允许的类型（%(types)s）")
            % {"name": upload.name, "types": names}
        )
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        case=case,
        task=task,
        original_name=upload.name,
        content_type=mime,
        size=len(content),
        sha256=digest,
        purpose=purpose,
        uploaded_by=by,
    )
    attachment.file.save(f"{digest[:16]}.{kind.extension}", ContentFile(content), save=False)
    attachment.save()
    audit_record(
        action="attachment.add",
        by=by,
        case=case,
        after=upload.name,
        data={"sha256": digest, "size": len(content), "content_type": mime, "purpose": purpose},
    )
    return attachment
