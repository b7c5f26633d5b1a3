"""The numbers 团员教育评议 and 团支部书记满意度测评 are decided under: declared with the rulebooks
(``workflows.rules``), so a committee may override them like any process's settings."""

from __future__ import annotations

from workflows.rules.defaults import SRC_SYSTEM, flag_setting, fraction_setting, int_setting

PROCESS_KEY = "evaluation"
LABEL = "教育评议与满意度测评"

# No national document fixes these numbers; the defaults are the ones local 教育评议 notices
# commonly use, and each committee sets its own notice's.
SOURCE_REVIEW = f"{SRC_SYSTEM}（各地团员教育评议通知的常见做法，团委可按本级通知修改）"
SOURCE_SURVEY = f"{SRC_SYSTEM}（测评结果须有足够的参与面才能代表团员意见）"

SETTINGS = {
    "review_excellent_max_fraction": fraction_setting(
        "教育评议「优秀」人数占参评团员比例上限", "3/10", SOURCE_REVIEW
    ),
    "review_unqualified_reason_required": flag_setting(
        "教育评议评为「不合格」须写明理由", True, SOURCE_REVIEW
    ),
    # Same key and label as every process's 公示 (the rulebook's labels are one flat table).
    "publicity_working_days": int_setting("公示期（工作日）", 5, SOURCE_REVIEW, minimum=1),
    "survey_participation_min": fraction_setting(
        "满意度测评参与率下限（低于此比例结果无效）", "2/3", SOURCE_SURVEY
    ),
}
