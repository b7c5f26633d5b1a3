"""A committee's rubric (考核评分细则) as pure functions: sections of items with maximum points,
read from stored data or from the text a committee edits, and a score sheet checked against it.

Stored form: ``[{"name": "制度建设", "items": [{"code": "2.1", "text": "…", "max": "8"}]}]``.
Text form, one line each: a section's name, then its items indented, each ending in its points::

    制度建设
      岗位规范和服务标准健全 8
      创建台账完整、记录及时 6
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from workflows.engine.errors import CaseError, RuleViolation

STEP = Decimal("0.5")
# No item is worth more than a whole rubric usually is; the bound keeps arithmetic exact.
POINTS_MAX = Decimal(1000)
_ITEM_LINE = re.compile(r"^(?P<text>.*\S)\s+(?P<max>\d{1,4}(?:\.5)?)$")


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    max: Decimal


@dataclass(frozen=True)
class Section:
    name: str
    items: tuple[Item, ...]

    @property
    def max(self) -> Decimal:
        return sum((item.max for item in self.items), Decimal(0))


@dataclass(frozen=True)
class Rubric:
    sections: tuple[Section, ...]

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def max(self) -> Decimal:
        return sum((section.max for section in self.sections), Decimal(0))

    def as_data(self) -> list[dict]:
        return [
            {
                "name": section.name,
                "items": [
                    {"code": item.code, "text": item.text, "max": str(item.max)}
                    for item in section.items
                ],
            }
            for section in self.sections
        ]

    def as_text(self) -> str:
        lines = []
        for section in self.sections:
            lines.append(section.name)
            lines.extend(f"  {item.text} {points_text(item.max)}" for item in section.items)
        return "\n".join(lines)


def points_text(value: Decimal) -> str:
    """``8`` rather than ``8.0``, ``6.5`` as it is."""
    return str(value.quantize(Decimal(1)) if value == value.to_integral() else value)


def rubric_build(sections: list[tuple[str, list[tuple[str, Decimal]]]]) -> Rubric:
    """A rubric from names and points, numbering items ``<section>.<item>``; refuses a rubric
    without items, an empty section or an item worth nothing."""
    problems = []
    built = []
    for index, (name, items) in enumerate(sections, 1):
        if not name:
            problems.append(_("第 %(number)s 部分未写名称") % {"number": index})
        if not items:
            problems.append(_("「%(section)s」没有评分项目") % {"section": name})
        for text, points in items:
            if not text:
                problems.append(_("「%(section)s」有未写内容的评分项目") % {"section": name})
            if not (points.is_finite() and 0 < points <= POINTS_MAX) or points % STEP:
                problems.append(
                    _("「%(item)s」分值 %(points)s 应为 0.5 的正整数倍")
                    % {"item": text, "points": points}
                )
        built.append(
            Section(
                name=name,
                items=tuple(
                    Item(code=f"{index}.{number}", text=text, max=points)
                    for number, (text, points) in enumerate(items, 1)
                ),
            )
        )
    if not built:
        problems.append(_("评分细则至少须有一个部分"))
    names = [section.name for section in built]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problems.append(_("部分名称重复：%(names)s") % {"names": "、".join(repeated)})
    if problems:
        raise CaseError(problems)
    return Rubric(sections=tuple(built))


def rubric_from_text(text: str) -> Rubric:
    sections: list[tuple[str, list[tuple[str, Decimal]]]] = []
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        if raw[:1] not in (" ", "\t", "　"):
            sections.append((raw.strip(), []))
            continue
        match = _ITEM_LINE.match(raw.strip())
        if match is None or not sections:
            problems.append(
                _("第 %(line)s 行「%(text)s」：评分项目应缩进写在部分名称下，并以分值结尾")
                % {"line": number, "text": raw.strip()}
            )
            continue
        sections[-1][1].append((match["text"], Decimal(match["max"])))
    if problems:
        raise CaseError(problems)
    return rubric_build(sections)


def _text_of(value) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value.strip()


def rubric_from_data(data: list) -> Rubric:
    """The stored (or API) form; malformed data is a clear refusal, never a crash."""
    try:
        sections = [
            (
                _text_of(section["name"]),
                [(_text_of(item["text"]), Decimal(str(item["max"]))) for item in section["items"]],
            )
            for section in data
        ]
    except (TypeError, KeyError, InvalidOperation) as error:
        raise CaseError(
            _("评分细则格式不正确：应为部分列表，每部分含 name 和 items（text、max）")
        ) from error
    return rubric_build(sections)


def score_sheet(rubric: Rubric, scores: dict) -> tuple[dict[str, str], Decimal]:
    """Check a score for every item (0 up to its maximum, in half points); returns the sheet as
    stored and its total, or refuses with every item that is wrong."""
    if not isinstance(scores, dict):
        raise CaseError(_("评分应为“项目编号: 分值”的对照"))
    problems = []
    sheet = {}
    for item in rubric.items:
        raw = scores.get(item.code)
        if raw in (None, ""):
            problems.append(_("%(code)s %(text)s：未评分") % {"code": item.code, "text": item.text})
            continue
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            value = None
        if value is None or not (value.is_finite() and abs(value) <= POINTS_MAX) or value % STEP:
            problems.append(
                _("%(code)s %(text)s：分值「%(value)s」应为 0.5 的整数倍")
                % {"code": item.code, "text": item.text, "value": raw}
            )
        elif not Decimal(0) <= value <= item.max:
            problems.append(
                _("%(code)s %(text)s：%(value)s 分，不在 0–%(max)s 分之间")
                % {
                    "code": item.code,
                    "text": item.text,
                    "value": value,
                    "max": points_text(item.max),
                }
            )
        else:
            sheet[item.code] = str(value)
    unknown = sorted(set(scores) - {item.code for item in rubric.items})
    if unknown:
        problems.append(
            _("评分细则中没有这些项目：%(codes)s") % {"codes": "、".join(map(str, unknown))}
        )
    if problems:
        raise RuleViolation(problems)
    return sheet, sum((Decimal(value) for value in sheet.values()), Decimal(0))
