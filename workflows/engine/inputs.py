"""Typed step input: the serializer fields a process declares its steps' payloads with.

One serializer per step serves the task page (its form's ``service_data()`` passes through it)
and the API (where it is also the step's payload in the OpenAPI schema), so both refuse the same
input with the same words.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .bounds import HEADCOUNT, ID, PROCESS_DATES
from .errors import CaseError


def date_parse(value: Any, label: str) -> datetime.date:
    """A meeting, decision or deadline date from task data, within the plausible years."""
    if isinstance(value, datetime.date):
        return PROCESS_DATES.check(value, label)
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise CaseError(
            _("%(label)s「%(value)s」不是有效日期（应为 2026-11-25 格式）")
            % {"label": label, "value": value}
        ) from error
    return PROCESS_DATES.check(day, label)


@extend_schema_field(OpenApiTypes.DATE)
class DateInput(serializers.Field):
    """A date in the plausible years, refused in the same words as everywhere else."""

    def __init__(self, **kwargs):
        # An optional date a page leaves empty arrives as null: the handler's default applies.
        kwargs.setdefault("allow_null", kwargs.get("required") is False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> datetime.date:
        try:
            return date_parse(data, str(self.label))
        except CaseError as error:
            raise serializers.ValidationError(error.messages) from error

    def to_representation(self, value: datetime.date) -> str:
        return value.isoformat()


def headcount_input(label: str, **kwargs) -> serializers.IntegerField:
    """A number of people or votes. Its range is the meeting rules' to check: they name the
    limit in the words of the rule (人数和票数不能超过 100000) among the tally's other problems."""
    return serializers.IntegerField(
        label=label,
        help_text=f"{HEADCOUNT.minimum}–{HEADCOUNT.maximum}, checked with the meeting's rules.",
        **kwargs,
    )


class IdsInput(serializers.ListField):
    """Record ids (members, nominations) the step refers to; an empty form field ("") is none.
    Whether each is one the step may name is the handler's to say, in its own words."""

    def to_internal_value(self, data: Any) -> list[int]:
        return [] if data in ("", None) else super().to_internal_value(data)


def ids_input(label: str, **kwargs) -> IdsInput:
    return IdsInput(
        label=label, child=serializers.IntegerField(max_value=ID.maximum), required=False, **kwargs
    )


def text_input(label: str, **kwargs) -> serializers.CharField:
    return serializers.CharField(label=label, required=False, allow_blank=True, **kwargs)


def input_problems(serializer: serializers.Serializer) -> list[str]:
    """Each refused value as "field label: problem"."""
    problems = []
    for name, errors in serializer.errors.items():
        field = serializer.fields.get(name)
        label = str(field.label) if field is not None and field.label else name
        for error in _flatten(errors):
            problems.append(error if label in error else f"{label}：{error}")
    return problems


def _flatten(errors: Any) -> list[str]:
    if isinstance(errors, dict):
        return [text for value in errors.values() for text in _flatten(value)]
    if isinstance(errors, list):
        return [text for value in errors for text in _flatten(value)]
    return [str(errors)]
