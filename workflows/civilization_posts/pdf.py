"""Context for the 青年文明号 documents: the 创建通知 and 申报通知, the 命名决定 (GB/T 9704
official layout) and the plaque certificate. Plain data only, so a failed render can be
retried later."""

from __future__ import annotations

from workflows.documents.addressing import copies_text, superiors_of
from workflows.documents.formatting import date_cn
from workflows.rules.selectors import ResolvedRules
from workflows.wording import chinese_number, document_language, fraction_text

from .models import Cycle, PostApplication, Recognition, Stars
from .rubric import Rubric, points_text


def _p(text: str, level: int = 0) -> dict:
    return {"level": level, "text": text}


def _official(cycle: Cycle, title: str, body: list[dict]) -> dict:
    return {
        "issuer_mark": f"{cycle.org.name}文件",
        "title": title,
        "recipients": "各基层团组织",
        "body": body,
        "signer": cycle.org.name,
        "copies": copies_text(superiors_of(cycle.org)),
    }


def basic_lines(rules: ResolvedRules) -> list[str]:
    """The basic conditions as the 通知 states them."""
    with document_language():
        share = fraction_text(rules.fraction("young_share_min"))
    return [
        f"集体人数在{rules.int('members_min')}人至{rules.int('members_max')}人之间",
        f"{rules.int('young_age_max')}周岁及以下青年占集体人数的{share}以上（含）",
        f"号长年龄不超过{rules.int('leader_age_max')}周岁",
    ]


def notice_context(cycle: Cycle, rules: ResolvedRules) -> dict:
    """创建通知: who may create, the basic conditions, the schedule of the two years."""
    body = [
        _p(
            f"为深化青年文明号创建活动，引导青年立足岗位、建功立业，经研究，{cycle.org.name}"
            f"决定开展{cycle.title}工作。现将有关事项通知如下："
        ),
        *[_p(line.strip()) for line in cycle.notice.splitlines() if line.strip()],
        _p("一、基本条件", 1),
        *[_p(f"{i}. {line}。", 3) for i, line in enumerate(basic_lines(rules), 1)],
        _p("以上条件为否决项，由系统依据集体名册核对，不符合的不予备案、不予申报。"),
        _p("二、时间安排", 1),
        _p(
            f"{cycle.start_year}年为创建备案年，请各集体于{date_cn(cycle.filing_deadline)}前"
            "报送创建规划、创建目标、创建载体、创建口号和岗位承诺，经所在单位团组织审核后报"
            f"{cycle.org.name}备案。"
        ),
        _p(
            f"{cycle.review_year}年为评审认定年，已备案的集体对照考核评分细则自评申报，"
            f"申报截止日为{date_cn(cycle.application_deadline)}。"
        ),
        _p("三、评审认定", 1),
        _p(
            "申报集体经资格审查后，在评审小组内开展互检互查；"
            f"{cycle.org.name}综合评定并公示后，按星级命名青年文明号。"
        ),
    ]
    return _official(cycle, f"关于开展{cycle.title}工作的通知", body)


def application_notice_context(cycle: Cycle, rubric: Rubric) -> dict:
    """申报通知: the deadline and the rubric the self-assessment and 互检互查 use."""
    body = [
        _p(
            f"根据《关于开展{cycle.title}工作的通知》（{cycle.notice_number}），"
            f"现启动{cycle.review_year}年青年文明号申报和评审认定工作。"
        ),
        _p("一、申报范围", 1),
        _p(f"已于{cycle.start_year}年完成创建备案、仍符合基本条件的青年集体。"),
        _p("二、考核评分细则", 1),
    ]
    for index, section in enumerate(rubric.sections, 1):
        body.append(
            _p(f"（{chinese_number(index)}）{section.name}（{points_text(section.max)}分）", 2)
        )
        body.extend(
            _p(f"{item.code} {item.text}（{points_text(item.max)}分）", 3) for item in section.items
        )
    body += [
        _p(f"满分{points_text(rubric.max)}分。", 0),
        _p("三、申报要求", 1),
        _p(
            f"请于{date_cn(cycle.application_deadline)}前在系统中提交创建工作总结、"
            "逐项自评分和佐证材料，经所在单位团组织审核后报送。"
        ),
    ]
    return _official(cycle, f"关于做好{cycle.title}申报工作的通知", body)


def decision_context(
    cycle: Cycle, applications: list[PostApplication], *, supplementary: bool
) -> dict:
    """命名决定: the collectives by star level."""
    prefix = "补充" if supplementary else ""
    body = [
        _p(
            f"{cycle.years_text}年度青年文明号创建活动开展以来，各青年集体立足岗位、创先争优，"
            f"涌现出一批服务优质、管理规范、创新创效的先进集体。经申报、资格审查、互检互查、"
            f"综合评定和公示，{cycle.org.name}决定{prefix}命名以下集体为"
            f"“{cycle.years_text}年度{cycle.org.name}青年文明号”："
        ),
    ]
    index = 0
    for stars in sorted(Stars.values, reverse=True):
        names = [a.collective.name for a in applications if a.stars == stars]
        if names:
            index += 1
            label = Stars(stars).label
            body.append(_p(f"{chinese_number(index)}、{label}青年文明号（{len(names)}个）", 1))
            body.append(_p("、".join(names)))
    body.append(
        _p(
            "希望受到命名的集体珍惜荣誉，发挥示范带动作用，自觉接受年度复核和动态管理，"
            "在医院高质量发展中再创佳绩。"
        )
    )
    title = f"关于{prefix}命名{cycle.years_text}年度{cycle.org.name}青年文明号的决定"
    return _official(cycle, title, body)


def plaque_context(recognition: Recognition, *, serial: str) -> dict:
    return {
        "title": f"青年文明号 {recognition.collective.name}",
        "holder": recognition.collective.name,
        "stars": "★" * recognition.stars,
        "level": Stars(recognition.stars).label,
        "citation": f"被命名为{recognition.title}（{Stars(recognition.stars).label}）。",
        "signer": recognition.awarded_by.name,
        "serial": serial,
    }
