"""Pagination whose count stops at a cap: lists of hundreds of thousands of rows open as fast
as short ones, and the page says "10000+" instead of counting them all."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        if hasattr(self.object_list, "query"):
            return self.object_list[: COUNT_CAP + 1].count()
        return len(self.object_list)

    @property
    def count_display(self) -> str:
        return f"{COUNT_CAP}+" if self.count > COUNT_CAP else str(self.count)


class CappedPageNumberPagination(PageNumberPagination):
    django_paginator_class = CappedPaginator
