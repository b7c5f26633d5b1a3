"""An opinion that says the opposite of the decision it is written under (同意 with "不符合条件",
退回 with "同意推荐") is flagged before it is signed: it would stand in the record, and on the
printed form, against the decision itself.

Pure functions over the text, no database. The check is a question to the person deciding, not
a refusal: a flagged opinion goes through once they confirm it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .models import Decision

# Words that refuse or find fault; under 同意 they contradict it.
_REFUSING = (
    "不同意",
    "不予同意",
    "不予通过",
    "不通过",
    "未通过",
    "不予推荐",
    "不推荐",
    "不建议",
    "不符合",
    "不具备",
    "不满足",
    "未达到",
    "不合格",
    "不批准",
    "不予批准",
    "否决",
    "驳回",
    "拒绝",
)
# Words that consent or find the case in order; under 不同意 or 退回 they contradict it.
_CONSENTING = (
    "同意推荐",
    "同意通过",
    "同意上报",
    "同意申请",
    "同意其",
    "同意该",
    "同意入",
    "予以通过",
    "予以推荐",
    "一致通过",
    "符合条件",
    "符合要求",
    "符合推荐条件",
)
# A bare 同意 as the whole opinion, or as its first clause ("同意。", "同意，请团委审核").
_BARE_CONSENT = re.compile(r"^\s*同意\s*(?:[。，,；;！!]|$)")
# What turns a phrase into its opposite when it stands just before it in the same clause:
# "无不同意见", "未发现不符合条件的情形", "不符合条件" (for 符合条件), "不同意推荐".
_NEGATORS = ("无", "没有", "并无", "未发现", "不存在", "不", "未", "非", "难以", "无法")
_CLAUSE_END = re.compile(r"[。，,；;！!？?\n]")
_DECIDING_AGAINST = (Decision.REJECT, Decision.RETURN, Decision.RETURN_PREVIOUS)


def _negated(text: str, start: int) -> bool:
    clause = _CLAUSE_END.split(text[:start])[-1]
    return clause.endswith(_NEGATORS)


def _first_unnegated(text: str, phrases: tuple[str, ...]) -> str | None:
    for phrase in phrases:
        for match in re.finditer(re.escape(phrase), text):
            if not _negated(text, match.start()):
                return phrase
    return None


def opinion_contradiction(*, decision: str, text: str) -> str | None:
    """Why ``text`` reads as the opposite of ``decision`` (a ``Decision`` value), or None."""
    text = text or ""
    if decision == Decision.APPROVE:
        phrase = _first_unnegated(text, _REFUSING)
    elif decision in _DECIDING_AGAINST:
        phrase = _first_unnegated(text, _CONSENTING)
        if phrase is None and _BARE_CONSENT.match(text):
            phrase = "同意"
    else:
        return None
    if phrase is None:
        return None
    return _(
        "办理结果为「%(decision)s」，意见中却有「%(phrase)s」，两者不一致；"
        "请核对，确认无误请勾选“已核对意见，确认提交”"
    ) % {"decision": Decision(decision).label, "phrase": phrase}
