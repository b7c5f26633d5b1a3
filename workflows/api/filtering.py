"""Query parameters of the lists: typed and enumerated in the OpenAPI schema, and a value out
of its type or choices refused with 400 rather than read as "no filter"."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers


def query_valid(serializer_class: type[serializers.Serializer], request) -> dict:
    # A plain dict, not the QueryDict: DRF reads an empty form value as "not given", and
    # ``?status=`` is a wrong value, not the absence of one.
    serializer = serializer_class(data=request.query_params.dict())
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def status_documented(values: list[str]):
    """Class decorator: the list's GET takes an optional ``status`` among ``values``."""
    query = type(
        "StatusQuery",
        (serializers.Serializer,),
        {"status": serializers.ChoiceField(choices=values, required=False)},
    )

    def decorate(view_class):
        view_class.status_query = query
        return extend_schema_view(get=extend_schema(parameters=[query]))(view_class)

    return decorate


def status_filtered(queryset, view):
    wanted = query_valid(view.status_query, view.request).get("status")
    return queryset.filter(status=wanted) if wanted else queryset
