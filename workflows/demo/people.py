"""Realistic, deterministic people: Chinese names, birth dates, 身份证号 with its check digit."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from workflows.org.identity import id_check_digit
from workflows.org.models import PartyProgress, Standing

# Common surnames, most frequent first (a few compound ones at the end).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶"
    "程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛"
    "郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方")
GIVEN_FEMALE = (
    "婷静丽敏燕娟艳芳琳雪洁颖欣怡佳倩悦璐晶莹妍雯慧瑶琪萌蕾露月梦诗涵菲楠薇雅彤曦蓉岚玲霞"
)
GIVEN_MALE = "伟强磊军杰涛斌浩鹏宇俊峰凯超辉明亮健刚勇飞波龙翔博文轩昊然泽睿豪哲航毅诚坤振鑫"
GIVEN_EITHER = "子一梓雨嘉思家晓天安宁心语欣可子晨逸书若紫亦"

ETHNICITIES = (
    ("汉族", 930),
    ("回族", 14),
    ("满族", 12),
    ("蒙古族", 8),
    ("壮族", 8),
    ("土家族", 7),
    ("苗族", 6),
    ("朝鲜族", 6),
    ("藏族", 4),
    ("维吾尔族", 3),
    ("彝族", 2),
)
EDUCATION_BACHELOR = "大学本科"
EDUCATION_MASTER = "硕士研究生"
EDUCATION_COLLEGE = "大专"
EDUCATION_DOCTOR = "博士研究生"

REGION = "310101"

TODAY_ANCHOR = datetime.date(2026, 1, 1)  # dates are planned against a fixed day: deterministic


def id_number(rng: random.Random, birth: datetime.date, gender: str) -> str:
    """A well-formed but fictitious number: region 310101, birth date, sequence, check digit.

    The sequence's last digit is odd for men and even for women, as the standard requires.
    """
    last = rng.choice("13579" if gender == "男" else "02468")
    sequence = f"{rng.randrange(0, 100):02d}{last}"
    if sequence == "000":
        sequence = "002"
    first17 = f"{REGION}{birth:%Y%m%d}{sequence}"
    return first17 + id_check_digit(first17)


def phone(rng: random.Random) -> str:
    return f"13{rng.randrange(10)}{rng.randrange(100_000_000):08d}"


def random_day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


class NamePool:
    """Draws unique names; ``reserved`` names are never drawn (they belong to fixed people)."""

    def __init__(self, rng: random.Random, reserved: set[str]):
        self.rng = rng
        self.used = set(reserved)
        surnames = list(SURNAMES)
        self.surnames = [*surnames, *COMPOUND_SURNAMES]
        # Frequency falls with rank; compound surnames are rare.
        self.weights = [1 / (rank + 8) for rank in range(len(surnames))] + [0.004] * len(
            COMPOUND_SURNAMES
        )

    def draw(self, gender: str) -> str:
        pool = GIVEN_FEMALE if gender == "女" else GIVEN_MALE
        while True:
            surname = self.rng.choices(self.surnames, self.weights)[0]
            if self.rng.random() < 0.25:
                given = self.rng.choice(pool)
            else:
                given = self.rng.choice(GIVEN_EITHER + pool) + self.rng.choice(pool)
            name = surname + given
            if name not in self.used:
                self.used.add(name)
                return name

    def reserve(self, name: str) -> str:
        self.used.add(name)
        return name


@dataclass
class Person:
    """One planned person: a Member (when ``branch`` is set) and/or a login (``username``)."""

    name: str
    gender: str
    birth_date: datetime.date
    branch: str | None = None  # organisation name of the 团支部; None: not a league member
    username: str | None = None
    ethnicity: str = "汉族"
    league_join_date: datetime.date | None = None
    education: str = EDUCATION_BACHELOR
    department: str = ""
    league_post: str = ""
    party_application_date: datetime.date | None = None
    party_progress: str = PartyProgress.NONE
    activist_since: datetime.date | None = None
    id_number: str = ""
    phone: str = ""
    standing: str = Standing.GOOD
    tags: set[str] = field(default_factory=set)


def _education(rng: random.Random, age: int) -> str:
    if age < 22:
        return rng.choices([EDUCATION_COLLEGE, EDUCATION_BACHELOR], [60, 40])[0]
    if age < 25:
        return rng.choices([EDUCATION_COLLEGE, EDUCATION_BACHELOR, EDUCATION_MASTER], [25, 60, 15])[
            0
        ]
    return rng.choices(
        [EDUCATION_COLLEGE, EDUCATION_BACHELOR, EDUCATION_MASTER, EDUCATION_DOCTOR],
        [10, 45, 32, 13],
    )[0]


def _age(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def person_new(
    rng: random.Random,
    names: NamePool,
    *,
    branch: str | None,
    department: str,
    born: tuple[int, int],
    name: str | None = None,
    gender: str | None = None,
) -> Person:
    """A league member's basic record; party progress is left to the caller."""
    gender = gender or rng.choices(["女", "男"], [64, 36])[0]
    name = names.reserve(name) if name else names.draw(gender)
    birth = random_day(rng, datetime.date(born[0], 1, 1), datetime.date(born[1], 12, 31))
    joined = birth + relativedelta(years=rng.randint(14, 17), days=rng.randrange(365))
    return Person(
        name=name,
        gender=gender,
        birth_date=birth,
        branch=branch,
        ethnicity=rng.choices([e for e, _ in ETHNICITIES], [w for _, w in ETHNICITIES])[0],
        league_join_date=joined,
        education=_education(rng, _age(birth, TODAY_ANCHOR)),
        department=department,
        id_number=id_number(rng, birth, gender),
        phone=phone(rng),
    )


def party_application_add(rng: random.Random, person: Person, latest: datetime.date) -> None:
    """入党申请书 handed in at 18 or later, some time before ``latest``."""
    earliest = max(person.birth_date + relativedelta(years=18), datetime.date(2019, 1, 1))
    if earliest > latest:
        return
    person.party_application_date = random_day(rng, earliest, latest)
    person.party_progress = PartyProgress.APPLICANT


def activist_add(rng: random.Random, person: Person, latest: datetime.date) -> None:
    """确定为入党积极分子 6–18 months after applying, not after ``latest``."""
    applied = person.party_application_date
    if applied is None:
        return
    since = applied + relativedelta(months=rng.randint(6, 18))
    if since <= latest:
        person.party_progress = PartyProgress.ACTIVIST
        person.activist_since = since
