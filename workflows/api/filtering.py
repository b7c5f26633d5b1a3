"""The ``?status=`` filter that case lists share, with its place in the OpenAPI schema."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view


def status_documented(values: list[str]):
    """Class decorator: the list's GET takes an optional ``status`` among ``values``."""
    parameter = OpenApiParameter("status", OpenApiTypes.STR, enum=values, required=False)
    return extend_schema_view(get=extend_schema(parameters=[parameter]))


def status_filtered(queryset, request):
    wanted = request.query_params.get("status")
    return queryset.filter(status=wanted) if wanted else queryset
