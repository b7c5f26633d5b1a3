"""Writes: a rulebook change is always a new version row."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from workflows.org.models import Organization

from .models import Rulebook
from .validation import rulebook_errors

# Two administrators saving the same rulebook at once both compute the same next version;
# the unique index rejects one, which then takes the following number.
_VERSION_ATTEMPTS = 5


def rulebook_create(
    *,
    process: str,
    settings: dict[str, Any],
    effective_from: datetime.date,
    committee: Organization | None = None,
    note: str = "",
    by: AbstractBaseUser | None,
) -> Rulebook:
    """Store ``settings`` as the next version of ``committee``'s rulebook for ``process``.

    ``committee=None`` is the national level, which only a superuser (or the system, ``by=None``)
    may change.
    """
    if committee is None and by is not None and not by.is_superuser:
        raise ValidationError({"committee": _("只有系统管理员可以设置全国默认规则")})
    rulebook = Rulebook(
        committee=committee,
        process=process,
        settings=settings,
        note=note,
        effective_from=effective_from,
        created_by=by,
    )
    errors = rulebook_errors(rulebook=rulebook)
    if errors:
        raise ValidationError({"settings": errors})
    for attempt in range(_VERSION_ATTEMPTS):
        try:
            with transaction.atomic():
                rulebook.version = _version_next(committee=committee, process=process)
                rulebook.save()
            return rulebook
        except IntegrityError:
            if attempt == _VERSION_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _version_next(*, committee: Organization | None, process: str) -> int:
    current = Rulebook.objects.filter(committee=committee, process=process).aggregate(
        top=Max("version")
    )["top"]
    return (current or 0) + 1
