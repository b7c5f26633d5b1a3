"""The organisation tree, after the commission report in the seeds: 委团委 with 18 direct
organisations (4 团委, 6 团总支, 8 团支部), each hospital with its party committee and one party
branch per department, and every league branch linked to a party branch.

Names are unique across the tree: they are the natural keys ``seed_demo`` finds rows by. So are
the 发文机关代字 (issuer marks): every 团支部 has one, for the 发文字号 of its 换届请示.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflows.org.models import OrgKind

COMMISSION_PARTY = "市卫生健康委党委"
COMMITTEE = "市卫生健康委团委"
COMMITTEE_MARK = "卫团"
COMMITTEE_CODE = "tw"
COMMISSION_PARTY_CODE = "dw"

SUFFIX = {
    OrgKind.LEAGUE_COMMITTEE: "团委",
    OrgKind.GENERAL_BRANCH: "团总支",
    OrgKind.BRANCH: "团支部",
}


@dataclass(frozen=True)
class Unit:
    """A hospital or institute directly under the commission."""

    code: str
    name: str
    kind: str  # kind of its league organisation
    issuer_mark: str = ""
    departments: tuple[tuple[str, str], ...] = ()  # (code, department), one 团支部 each

    @property
    def league_name(self) -> str:
        return f"{self.name}{SUFFIX[OrgKind(self.kind)]}"

    @property
    def party_name(self) -> str:
        return f"{self.name}党委" if self.departments else f"{self.name}党支部"


# A 团支部's 发文机关代字 is the usual short name of its department (or unit) and "团支", e.g.
# 急诊科团支部 → 急诊团支 (急诊团支发〔2026〕1号). The short name drops a final 科, 部 or 中心
# unless a single character would be left; where that reads badly, it is fixed here.
BRANCH_MARK_SUFFIX = "团支"
SHORT_NAMES = {
    "jyk": "检验",
    "sjnk": "神内",
    "hxnk": "呼吸",
    "xhnk": "消化",
    "hmwk": "颌面",
    "kqxf": "修复",
    "xlzx": "心理",
    "mrk": "医美",
    "zzyx": "重症",
    "jiguan": "委机关",
    "jikong": "疾控",
    "jijiu": "急救",
    "xueye": "血液",
    "jiandu": "监督",
    "xinxi": "信息",
    "jiankang": "健促",
    "rencai": "人才",
}


def short_name(department: str) -> str:
    """急诊科 → 急诊, 护理部 → 护理, 视光中心 → 视光; 骨科 and 眼科 stay as they are."""
    for suffix in ("中心", "科", "部"):
        if department.endswith(suffix) and len(department) - len(suffix) >= 2:
            return department[: -len(suffix)]
    return department


@dataclass(frozen=True)
class Branch:
    """A 团支部 where members are registered, with its party branch."""

    code: str
    name: str
    unit: Unit
    department: str  # written into Member.department
    party_name: str

    @property
    def issuer_mark(self) -> str:
        department = self.name.removesuffix(SUFFIX[OrgKind.BRANCH])
        return (SHORT_NAMES.get(self.code) or short_name(department)) + BRANCH_MARK_SUFFIX


UNITS: tuple[Unit, ...] = (
    Unit(
        "yiyuan",
        "市第一人民医院",
        OrgKind.LEAGUE_COMMITTEE,
        "一院团",
        (("jzk", "急诊科"), ("hlb", "护理部"), ("jyk", "医学检验科"), ("pwk", "普外科")),
    ),
    Unit(
        "liuyuan",
        "市第六人民医院",
        OrgKind.LEAGUE_COMMITTEE,
        "六院团",
        (("gk", "骨科"), ("sjnk", "神经内科"), ("mzk", "麻醉科")),
    ),
    Unit(
        "erke",
        "市儿童医院",
        OrgKind.LEAGUE_COMMITTEE,
        "儿院团",
        (("enk", "儿内科"), ("xsek", "新生儿科"), ("ewk", "儿外科")),
    ),
    Unit(
        "feike",
        "市肺科医院",
        OrgKind.LEAGUE_COMMITTEE,
        "肺院团",
        (("hxnk", "呼吸内科"), ("xwk", "胸外科"), ("fsk", "放射科"), ("jhk", "结核科")),
    ),
    Unit(
        "zxy",
        "市中西医结合医院",
        OrgKind.GENERAL_BRANCH,
        departments=(("xnk", "心内科"), ("zyk", "中医科"), ("yjk", "药剂科")),
    ),
    Unit(
        "kq",
        "市口腔医院",
        OrgKind.GENERAL_BRANCH,
        departments=(("hmwk", "口腔颌面外科"), ("kqxf", "口腔修复科")),
    ),
    Unit(
        "jw",
        "市精神卫生中心",
        OrgKind.GENERAL_BRANCH,
        departments=(("jsk", "精神科"), ("xlzx", "心理咨询科")),
    ),
    Unit(
        "pf",
        "市皮肤病医院",
        OrgKind.GENERAL_BRANCH,
        departments=(("pfk", "皮肤科"), ("mrk", "医学美容科")),
    ),
    Unit(
        "yb",
        "市眼病防治中心",
        OrgKind.GENERAL_BRANCH,
        departments=(("yanke", "眼科"), ("sgzx", "视光中心")),
    ),
    Unit(
        "wy",
        "市第五人民医院",
        OrgKind.GENERAL_BRANCH,
        departments=(("xhnk", "消化内科"), ("zzyx", "重症医学科"), ("csk", "超声科")),
    ),
    Unit("jiguan", "市卫生健康委机关", OrgKind.BRANCH),
    Unit("jikong", "市疾病预防控制中心", OrgKind.BRANCH),
    Unit("jijiu", "市医疗急救中心", OrgKind.BRANCH),
    Unit("xueye", "市血液中心", OrgKind.BRANCH),
    Unit("jiandu", "市卫生健康监督所", OrgKind.BRANCH),
    Unit("xinxi", "市卫生健康信息中心", OrgKind.BRANCH),
    Unit("jiankang", "市健康促进中心", OrgKind.BRANCH),
    Unit("rencai", "市卫生人才交流服务中心", OrgKind.BRANCH),
)


def branches() -> list[Branch]:
    """Every 团支部, in a fixed order."""
    result = []
    for unit in UNITS:
        if unit.departments:
            result.extend(
                Branch(code, f"{dept}团支部", unit, f"{unit.name}{dept}", f"{dept}党支部")
                for code, dept in unit.departments
            )
        else:
            result.append(Branch(unit.code, unit.league_name, unit, unit.name, unit.party_name))
    return result


BRANCHES: tuple[Branch, ...] = tuple(branches())
BRANCH_BY_CODE: dict[str, Branch] = {branch.code: branch for branch in BRANCHES}


def host_branch(unit_code: str) -> Branch:
    """The branch where a unit's own cadres are registered as members: its first one."""
    if unit_code == COMMITTEE_CODE:
        return BRANCH_BY_CODE["jiguan"]
    return next(branch for branch in BRANCHES if branch.unit.code == unit_code)
