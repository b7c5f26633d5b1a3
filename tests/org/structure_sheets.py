"""Organisation and office holder sheets as people type them, for the structure import tests."""

import io

from workflows.org.office_sheet import OFFICE_HEADERS
from workflows.org.org_sheet import ORG_HEADERS


def _csv(headers, lines) -> io.BytesIO:
    text = ",".join(headers) + "\n" + "\n".join(lines) + "\n"
    return io.BytesIO(text.encode("utf-8-sig"))


def org_csv(*lines: str) -> io.BytesIO:
    return _csv(ORG_HEADERS, lines)


def office_csv(*lines: str) -> io.BytesIO:
    return _csv(OFFICE_HEADERS, lines)


# A 团总支 listed after the branch under it, a new branch with 𠮷, and a branch as it stands.
TREE = (
    "𠮷祥儿科团支部,儿科,团支部,医技团总支,心内科党支部,,否",
    "医技团总支,医技,团总支,委团委,,卫医团,是",
    "心内科团支部,,团支部,委团委,心内科党支部,院团,否",
)
