from django import template

from workflows.documents.formatting import date_cn
from workflows.documents.titles import TITLE_PER_LINE, title_lines

register = template.Library()

# The issuer mark must fit the 156 mm (442 pt) text block on one line.
_TEXT_BLOCK_PT = 430
_MARK_MAX_PT = 44
_MARK_MIN_PT = 22


@register.filter
def mark_size(text: str) -> str:
    length = max(len(text or ""), 1)
    size = max(_MARK_MIN_PT, min(_MARK_MAX_PT, _TEXT_BLOCK_PT / (length * 1.05)))
    return f"{size:.1f}"


@register.filter(name="date_cn")
def date_cn_filter(value) -> str:
    return date_cn(value)


@register.filter(name="title_lines")
def title_lines_filter(text: str, per_line: int = TITLE_PER_LINE) -> list[str]:
    return title_lines(text or "", per_line=int(per_line))
