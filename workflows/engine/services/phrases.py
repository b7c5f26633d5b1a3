"""Writes on a person's 常用语. They are their own: nobody else reads or changes them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from ..errors import CaseError
from ..models import OpinionPhrase
from ..phrases import default_phrases

PHRASES_MAX = 30


def _defaults_keep(user: AbstractBaseUser) -> None:
    """A first change starts from the defaults the user was offered, so adding a phrase or
    removing one keeps the others."""
    if not OpinionPhrase.objects.filter(user=user).exists():
        OpinionPhrase.objects.bulk_create(
            [OpinionPhrase(user=user, text=text) for text in default_phrases()],
            ignore_conflicts=True,
        )


def phrase_add(*, text: str, by: AbstractBaseUser) -> OpinionPhrase:
    text = text.strip()
    if not text:
        raise CaseError(_("常用语不能为空"))
    with transaction.atomic():
        _defaults_keep(by)
        phrases = OpinionPhrase.objects.filter(user=by)
        if phrases.filter(text=text).exists():
            raise CaseError(_("已有常用语「%(text)s」") % {"text": text})
        if phrases.count() >= PHRASES_MAX:
            raise CaseError(_("常用语最多 %(count)s 条，请先删除不用的") % {"count": PHRASES_MAX})
        return OpinionPhrase.objects.create(user=by, text=text)


def phrase_delete(*, text: str, by: AbstractBaseUser) -> None:
    """Remove one of ``by``'s phrases; with none left, the defaults are offered again."""
    with transaction.atomic():
        _defaults_keep(by)
        deleted, _rows = OpinionPhrase.objects.filter(user=by, text=text).delete()
    if not deleted:
        raise CaseError(_("常用语「%(text)s」已删除") % {"text": text})
