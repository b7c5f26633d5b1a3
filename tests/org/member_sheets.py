"""Member sheets as people type them, for the import tests."""

import io

from workflows.org.identity import id_check_digit
from workflows.org.member_sheet import HEADERS


def person_id(birth: str, sequence: str = "002") -> str:
    first17 = f"310101{birth}{sequence}"
    return first17 + id_check_digit(first17)


def mistyped(number: str) -> str:
    """The number with a wrong check character, as a slip of the finger leaves it."""
    return number[:-1] + ("1" if number[-1] != "1" else "2")


def csv_sheet(*lines: str) -> io.BytesIO:
    """A CSV as Excel saves it, typed the way people type."""
    text = ",".join(HEADERS) + "\n" + "\n".join(lines) + "\n"
    return io.BytesIO(text.encode("utf-8-sig"))


GOOD = (
    f"吉𠮷婷,女,2000年3月15日,{person_id('20000315')},汉族,共青团员,2014/5/4,本科,心内科,,13800000001,"
    "心内科团支部,2024年1月10日",
    f"王小明,男,1998-7-1,{person_id('19980701', '011')},回族,,2012.5.4,硕士研究生,外科,组织委员,,"
    "外科团支部",
)
