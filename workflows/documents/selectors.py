"""Reads: who may download a document, which documents a subject has."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from workflows.org.selectors import scope_paths

from .models import IssuedDocument


def _people_of(subject: models.Model | None) -> set[int]:
    """Users a subject is about: a case's applicant and the member it concerns."""
    if subject is None:
        return set()
    ids = {
        getattr(subject, "applicant_id", None),
        getattr(subject, "user_id", None),
        getattr(getattr(subject, "subject", None), "user_id", None),
    }
    return {pk for pk in ids if pk is not None}


# Kinds addressed to every unit below the issuer (a 通知, a 表彰决定), not only to its offices.
_circulated: set[str] = set()
# What each kind is called on pages: a kind is a key the code keeps, never shown as such.
_kind_labels: dict[str, str] = {}


def document_kinds_register(labels: dict[str, str]) -> None:
    _kind_labels.update(labels)


def document_kind_label(kind: str) -> str:
    return str(_kind_labels.get(kind, kind))


def circulated_kinds_register(*kinds: str) -> None:
    _circulated.update(kinds)


def _below_issuer(document: IssuedDocument, user: AbstractBaseUser, paths: list[str]) -> bool:
    member = getattr(user, "member", None)
    own = [*paths, member.branch.path] if member is not None else paths
    return any(path.startswith(document.org_path) for path in own)


def document_visible_to(*, document: IssuedDocument, user: AbstractBaseUser) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    paths = scope_paths(user=user, on=timezone.localdate())
    if any(document.org_path.startswith(prefix) for prefix in paths):
        return True
    if document.kind in _circulated and _below_issuer(document, user, paths):
        return True
    return user.pk in _people_of(document.subject)


def documents_for(*, subject: models.Model, kind: str | None = None) -> models.QuerySet:
    """Every version issued about ``subject``, newest first."""
    queryset = IssuedDocument.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-created_at", "-version")


def document_latest(*, subject: models.Model, kind: str) -> IssuedDocument | None:
    return documents_for(subject=subject, kind=kind).order_by("-version").first()


def documents_latest(
    *, kind: str, model: type[models.Model], ids: list[int]
) -> dict[int, IssuedDocument]:
    """The latest version of ``kind`` issued about each of ``ids`` (one query for a batch)."""
    latest = {}
    for document in IssuedDocument.objects.filter(
        kind=kind, subject_type=ContentType.objects.get_for_model(model), subject_id__in=ids
    ).order_by("subject_id", "version"):
        latest[document.subject_id] = document
    return latest
