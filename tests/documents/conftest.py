import io

import pytest
from pypdf import PdfReader

from tests.factories import AppointmentFactory, MemberFactory, OrganizationFactory, UserFactory
from workflows.org.models import OrgKind, Role


@pytest.fixture
def committee(db):
    return OrganizationFactory(
        name="共青团××市第一人民医院委员会", kind=OrgKind.LEAGUE_COMMITTEE, issuer_mark="院团"
    )


@pytest.fixture
def branch(committee):
    return OrganizationFactory(name="心内科团支部", parent=committee)


@pytest.fixture
def other_branch(db):
    return OrganizationFactory(name="外院团支部", issuer_mark="外团")


@pytest.fixture
def secretary(committee):
    user = UserFactory(username="tw_shuji", first_name="王书记")
    AppointmentFactory(user=user, org=committee, role=Role.SECRETARY)
    return user


@pytest.fixture
def member(branch):
    return MemberFactory(branch=branch, name="吉𠮷", user=UserFactory(username="jizhe"))


def pdf_text(data: bytes) -> str:
    """All pages' text, lines joined: wrapped phrases still match."""
    pages = PdfReader(io.BytesIO(data)).pages
    return "".join(page.extract_text().replace("\n", "") for page in pages)


OFFICIAL_CONTEXT = {
    "issuer_mark": "共青团××市第一人民医院委员会文件",
    "recipients": "各团支部",
    "body": [
        {"level": 0, "text": "根据《共青团推优入党工作实施办法（试行）》要求，经团员大会推荐。"},
        {"level": 1, "text": "一、推荐情况"},
        {"level": 0, "text": "推荐吉𠮷同志作为入党积极分子人选，应到25人，实到22人，赞成20人。"},
        {"level": 2, "text": "（一）公示情况"},
        {"level": 0, "text": "公示期间未收到异议。"},
    ],
    "signer": "共青团××市第一人民医院委员会",
    "date": "2026年11月25日",
}

FORM_CONTEXT = {
    "unit": "心内科团支部",
    "filled_on": "2026年11月25日",
    "rows": [
        [
            {"label": "姓名", "value": "吉𠮷"},
            {"label": "性别", "value": "女"},
            {"label": "出生年月", "value": "2000年3月"},
        ],
        [
            {"label": "申请入党时间", "value": "2024年1月10日"},
            {"label": "团内职务", "value": "组织委员", "span": 3},
        ],
    ],
    "opinions": [
        {
            "label": "团支部意见",
            "text": "应到25人，实到22人，赞成20人。",
            "signer": "陈支书",
            "date": "2026年11月10日",
        }
    ],
}
