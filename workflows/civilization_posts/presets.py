"""The committee's starting rubric (考核评分细则, 100 points), after the usual 青年文明号 review
standards; a committee edits it per cycle before the 申报通知 goes out."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_noop

from .rubric import Rubric, rubric_build

DEFAULT_SECTIONS: list[tuple[str, list[tuple[str, int]]]] = [
    (
        gettext_noop("组织建设"),
        [
            (gettext_noop("创建组织健全，号长由集体负责人担任，分工明确"), 5),
            (gettext_noop("创建规划、目标和岗位承诺明确，备案材料齐全"), 5),
            (gettext_noop("青年占比和团队结构符合创建要求"), 5),
        ],
    ),
    (
        gettext_noop("制度建设"),
        [
            (gettext_noop("岗位规范、服务标准和操作规程健全"), 8),
            (gettext_noop("创建台账完整，活动记录及时"), 6),
            (gettext_noop("考核激励机制落实"), 6),
        ],
    ),
    (
        gettext_noop("业务工作"),
        [
            (gettext_noop("业务指标和重点任务完成情况"), 10),
            (gettext_noop("服务质量和患者满意度"), 10),
            (gettext_noop("医疗安全，无重大差错事故和有效投诉"), 5),
        ],
    ),
    (
        gettext_noop("创新创效"),
        [
            (gettext_noop("技术创新、流程优化成果"), 8),
            (gettext_noop("创新创效案例及推广应用"), 7),
        ],
    ),
    (
        gettext_noop("青年成长"),
        [
            (gettext_noop("岗位练兵、技能竞赛和业务培训"), 5),
            (gettext_noop("青年人才培养和推优工作"), 5),
        ],
    ),
    (
        gettext_noop("社会服务与文化建设"),
        [
            (gettext_noop("志愿服务和公益活动"), 8),
            (gettext_noop("医学人文、集体文化建设和宣传"), 7),
        ],
    ),
]


def default_rubric() -> Rubric:
    return rubric_build(
        [
            (name, [(text, Decimal(points)) for text, points in items])
            for name, items in DEFAULT_SECTIONS
        ]
    )
