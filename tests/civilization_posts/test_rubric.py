"""The rubric as text and as data, and a score sheet checked against it."""

from decimal import Decimal

import pytest

from workflows.civilization_posts.presets import default_rubric
from workflows.civilization_posts.rubric import (
    rubric_from_data,
    rubric_from_text,
    score_sheet,
)
from workflows.engine.errors import CaseError, RuleViolation

TEXT = """制度建设
  岗位规范和服务标准健全 8
  创建台账完整、记录及时 6.5
业务工作
\t业务指标完成情况 25
"""


def test_text_becomes_numbered_sections():
    rubric = rubric_from_text(TEXT)
    assert [s.name for s in rubric.sections] == ["制度建设", "业务工作"]
    assert [(i.code, i.max) for i in rubric.items] == [
        ("1.1", Decimal(8)),
        ("1.2", Decimal("6.5")),
        ("2.1", Decimal(25)),
    ]
    assert rubric.sections[0].max == Decimal("14.5")
    assert rubric.max == Decimal("39.5")


def test_text_and_data_round_trip():
    rubric = rubric_from_text(TEXT)
    assert rubric_from_text(rubric.as_text()) == rubric
    assert rubric_from_data(rubric.as_data()) == rubric


def test_default_rubric_is_100_points_with_the_usual_sections():
    rubric = default_rubric()
    assert rubric.max == 100
    sections = {s.name: s.max for s in rubric.sections}
    assert sections["制度建设"] == 20 and sections["业务工作"] == 25


def test_an_item_before_any_section_or_without_points_is_named():
    with pytest.raises(CaseError) as refused:
        rubric_from_text("  孤立项目 5\n制度建设\n  没有分值\n")
    assert refused.value.messages == [
        "第 1 行「孤立项目 5」：评分项目应缩进写在部分名称下，并以分值结尾",
        "第 3 行「没有分值」：评分项目应缩进写在部分名称下，并以分值结尾",
    ]


def test_empty_section_repeated_name_and_zero_points_refused():
    with pytest.raises(CaseError) as refused:
        rubric_from_text("制度建设\n业务工作\n  指标 0\n业务工作\n  质量 5\n")
    assert refused.value.messages == [
        "「制度建设」没有评分项目",
        "「指标」分值 0 应为 0.5 的正整数倍",
        "部分名称重复：业务工作",
    ]


def test_malformed_data_is_a_clear_refusal():
    for data in (None, [{"name": "x"}], [{"name": "x", "items": [{"text": "y", "max": "z"}]}]):
        with pytest.raises(CaseError, match="评分细则格式不正确"):
            rubric_from_data(data)


def test_a_full_sheet_totals():
    rubric = rubric_from_text(TEXT)
    sheet, total = score_sheet(rubric, {"1.1": "7.5", "1.2": 6, "2.1": "20"})
    assert sheet == {"1.1": "7.5", "1.2": "6", "2.1": "20"}
    assert total == Decimal("33.5")


def test_every_wrong_item_is_named():
    rubric = rubric_from_text(TEXT)
    with pytest.raises(RuleViolation) as refused:
        score_sheet(rubric, {"1.1": "9", "1.2": "0.3", "9.9": "1"})
    assert refused.value.messages == [
        "1.1 岗位规范和服务标准健全：9 分，不在 0–8 分之间",
        "1.2 创建台账完整、记录及时：分值「0.3」应为 0.5 的整数倍",
        "2.1 业务指标完成情况：未评分",
        "评分细则中没有这些项目：9.9",
    ]


def test_not_a_mapping_and_not_a_number():
    rubric = rubric_from_text(TEXT)
    with pytest.raises(CaseError, match="评分应为"):
        score_sheet(rubric, ["8"])
    with pytest.raises(RuleViolation, match="分值「abc」"):
        score_sheet(rubric, {"1.1": "abc", "1.2": "1", "2.1": "1"})
    with pytest.raises(RuleViolation, match="分值「NaN」"):
        score_sheet(rubric, {"1.1": "NaN", "1.2": "1", "2.1": "1"})
