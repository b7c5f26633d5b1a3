"""Context for the 五四评优 documents: the 通知, the 表彰决定 (GB/T 9704 official layout) and
the 荣誉证书. Plain data only, so a failed render can be retried later."""

from __future__ import annotations

from workflows.documents.addressing import copies_text, superiors_of
from workflows.documents.formatting import date_cn
from workflows.rules.quota import Quota

from .models import Campaign, Category, CategoryKind, Nomination


def _p(text: str, level: int = 0) -> dict:
    return {"level": level, "text": text}


def requirement_lines(category: Category) -> list[str]:
    """A category's conditions as the 通知 states them."""
    lines = []
    if category.age_min is not None and category.age_max is not None:
        lines.append(f"年龄在{category.age_min}至{category.age_max}周岁之间")
    elif category.age_max is not None:
        lines.append(f"年龄不超过{category.age_max}周岁")
    if category.league_member_required:
        lines.append("须为共青团员")
    if category.league_years_min:
        lines.append(f"团龄满{category.league_years_min}年")
    if category.review_required:
        required = "优秀" if category.review_required == "excellent" else "合格及以上"
        lines.append(f"上一年度团员教育评议结果为{required}")
    if category.volunteer_hours_min:
        lines.append(f"上一年度志愿服务不少于{category.volunteer_hours_min}小时")
    if category.dues_arrears_max is not None:
        lines.append(
            "按时足额交纳团费"
            if category.dues_arrears_max == 0
            else f"欠缴团费不超过{category.dues_arrears_max}个月"
        )
    if category.cadre_years_min is not None:
        lines.append(f"现任团干部，任职满{category.cadre_years_min}年")
    if category.exclude_full_time_cadre:
        lines.append("专职团干部不参评")
    if category.unit_members_min:
        lines.append(f"团员不少于{category.unit_members_min}人")
    if category.term_current_required:
        lines.append("按期完成换届")
    if category.repeat_gap_years:
        lines.append(f"获得本奖项后{category.repeat_gap_years}年内不重复参评")
    lines.append(f"主要事迹不超过{category.deeds_max_chars}字")
    return lines


def notice_context(campaign: Campaign, quotas: list[tuple[Category, Quota]]) -> dict:
    """通知: what is awarded, to whom, how many, and by when."""
    body = [
        _p(
            f"为表彰先进、树立典型，激励广大团员青年，经研究，{campaign.org.name}决定开展"
            f"{campaign.title}工作。现将有关事项通知如下："
        ),
        *[_p(line.strip()) for line in campaign.notice.splitlines() if line.strip()],
        _p("一、评选项目和名额", 1),
        *[
            _p(f"{index}. {category.name}：{quota.limit}名（{quota.explain()}）。", 3)
            for index, (category, quota) in enumerate(quotas, 1)
        ],
        _p("二、评选条件", 1),
        *[
            _p(f"{index}. {category.name}：{'；'.join(requirement_lines(category))}。", 3)
            for index, (category, _quota) in enumerate(quotas, 1)
        ],
        _p(
            f"年龄、团龄、任职年限均计算至{date_cn(campaign.cutoff_date)}；教育评议、志愿服务"
            f"以{campaign.review_year}年度记录为准。"
        ),
        _p("三、推荐程序", 1),
        _p(
            "个人可自荐或由所在团支部推荐，经团支部审核后报团委；集体由本单位或上级团组织申报。"
            "各单位推荐人数不得超过本单位名额。团委审核后提交评审委员会评审，获得超过半数评委"
            "赞成票方可入围，入围人选在名额内按得票（得分）排序确定，并公示。"
        ),
        _p("四、时间安排", 1),
        _p(f"请于{date_cn(campaign.deadline)}前完成推荐，逾期不再受理。"),
    ]
    return {
        "issuer_mark": f"{campaign.org.name}文件",
        "title": f"关于开展{campaign.title}的通知",
        "recipients": "各基层团组织",
        "body": body,
        "signer": campaign.org.name,
        "copies": copies_text(superiors_of(campaign.org)),
    }


def _awardee_name(nomination: Nomination) -> str:
    if nomination.subject_id:
        return f"{nomination.subject.name}（{nomination.org.name}）"
    return nomination.nominee_org.name


def decision_context(
    campaign: Campaign, nominations: list[Nomination], *, supplementary: bool
) -> dict:
    """表彰决定: the awardees by category."""
    by_category: dict[int, list[Nomination]] = {}
    for nomination in nominations:
        by_category.setdefault(nomination.category_id, []).append(nomination)
    categories = [c for c in campaign.categories.all() if c.pk in by_category]
    confirmed = f"，经{date_cn(campaign.confirmed_on)}党委审定" if campaign.confirmed_on else ""
    body = [
        _p(
            f"{campaign.review_year}年以来，广大团员青年和各级团组织在医院改革发展中勇挑重担、"
            f"担当作为，涌现出一批先进集体和个人。经各单位推荐、评审委员会评审、公示{confirmed}，"
            f"{campaign.org.name}决定"
            + ("补充" if supplementary else "")
            + "授予以下集体和个人荣誉称号："
        ),
    ]
    for index, category in enumerate(categories, 1):
        names = [_awardee_name(n) for n in by_category[category.pk]]
        unit = "个" if category.kind != CategoryKind.INDIVIDUAL else "名"
        body.append(_p(f"{_chinese_index(index)}、{category.name}（{len(names)}{unit}）", 1))
        body.append(_p("、".join(names)))
    body.append(
        _p(
            "希望受到表彰的集体和个人珍惜荣誉、再接再厉。全院各级团组织和广大团员青年要以先进"
            "为榜样，奋发进取，为医院高质量发展贡献青春力量。"
        )
    )
    title = (
        f"关于{'补充' if supplementary else ''}表彰{campaign.review_year}年度先进集体和个人的决定"
    )
    return {
        "issuer_mark": f"{campaign.org.name}文件",
        "title": title,
        "recipients": "各基层团组织",
        "body": body,
        "signer": campaign.org.name,
        "copies": copies_text(superiors_of(campaign.org)),
    }


def _chinese_index(n: int) -> str:
    from workflows.wording import chinese_number

    return chinese_number(n)


def certificate_context(nomination: Nomination, *, serial: str) -> dict:
    campaign = nomination.campaign
    holder = (
        f"{nomination.subject.name}同志" if nomination.subject_id else nomination.nominee_org.name
    )
    return {
        "title": f"荣誉证书 {nomination.nominee_name}",
        "holder": holder,
        "citation": f"在{campaign.review_year}年度工作中表现突出，经{campaign.title}评审，被授予",
        "honour": nomination.category.name,
        "signer": campaign.org.name,
        "serial": serial,
    }
