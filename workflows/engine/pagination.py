"""Pagination whose count stops at a cap: lists of hundreds of thousands of rows open as fast
as short ones, and the page says "10000+" instead of counting them all."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from .bounds import PAGE, integer_or_none

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        if hasattr(self.object_list, "count_upto"):
            return self.object_list.count_upto(COUNT_CAP + 1)
        if hasattr(self.object_list, "query"):
            # Unordered: the database stops at the cap instead of sorting every row first.
            return self.object_list.order_by()[: COUNT_CAP + 1].count()
        return len(self.object_list)

    @property
    def count_display(self) -> str:
        return f"{COUNT_CAP}+" if self.count > COUNT_CAP else str(self.count)


class CappedPageNumberPagination(PageNumberPagination):
    """``?page=`` is a whole number from 1: anything else is refused (400), not read as the
    first page; a page past the last is 404."""

    django_paginator_class = CappedPaginator

    def get_page_number(self, request, paginator) -> int:
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        number = integer_or_none(raw)
        if number is None or not PAGE.minimum <= number <= PAGE.maximum:
            raise ValidationError(
                {
                    self.page_query_param: [
                        _("页码应为 %(minimum)s 至 %(maximum)s 的整数")
                        % {"minimum": PAGE.minimum, "maximum": PAGE.maximum}
                    ]
                }
            )
        return number

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update({"minimum": PAGE.minimum, "maximum": PAGE.maximum})
        return parameters
