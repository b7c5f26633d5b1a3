"""常用语: the phrases an approver puts into an opinion with one tap."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from workflows.wording import site_language

from .models import OpinionPhrase

# Offered until a person keeps phrases of their own.
DEFAULT_PHRASES = (
    _("同意"),
    _("情况属实，同意推荐"),
    _("符合条件，同意"),
    _("材料不全，请补充后重新提交"),
    _("不符合条件，不同意"),
)


def default_phrases() -> list[str]:
    # An opinion is stored wording: in the site language, whoever writes it.
    with site_language():
        return [str(phrase) for phrase in DEFAULT_PHRASES]


def phrases_of(*, user: AbstractBaseUser) -> list[str]:
    """The user's phrases in the order they added them, or the defaults when they have none."""
    stored = list(OpinionPhrase.objects.filter(user=user).values_list("text", flat=True))
    return stored or default_phrases()
