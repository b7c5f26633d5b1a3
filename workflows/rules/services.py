"""Writes: a rulebook change is always a new version row; a holiday notice becomes calendar rows."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from workflows.audit.services import audit_record
from workflows.org.models import Organization
from workflows.wording import site_language

from .models import CalendarOverride, HolidayNotice, Rulebook
from .notice import notice_parse
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


def holiday_notice_import(*, year: int, text: str, by: AbstractBaseUser) -> HolidayNotice:
    """Store the State Council's notice for ``year`` and the days off and 调休 workdays it
    gives as calendar rows; rows an earlier import of the same year gave and this one does not
    are dropped. Windows counted through ``year`` are no longer provisional from then on."""
    schedule = notice_parse(text=text, year=year)
    days = {day: (False, name) for day, name in schedule.days_off().items()}
    days.update({day: (True, name) for day, name in schedule.workdays().items()})
    with transaction.atomic():
        notice = HolidayNotice.objects.create(
            year=year,
            text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            imported_by=by,
        )
        CalendarOverride.objects.filter(notice__year=year).exclude(date__in=days).delete()
        for day, (is_workday, name) in days.items():
            CalendarOverride.objects.update_or_create(
                date=day, defaults={"is_workday": is_workday, "note": name, "notice": notice}
            )
        off = sum(1 for is_workday, _name in days.values() if not is_workday)
        with site_language():
            summary = _("%(year)s年放假安排：放假 %(off)s 天，调休上班 %(work)s 天") % {
                "year": year,
                "off": off,
                "work": len(days) - off,
            }
        audit_record(
            action="calendar.import",
            by=by,
            after=summary,
            data={"notice": notice.pk, "year": year, "sha256": notice.text_sha256},
        )
    return notice
