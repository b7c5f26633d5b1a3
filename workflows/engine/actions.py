"""What each task action is called on the task page, and in a refusal that names it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "approve": _("同意"),
    "return": _("退回申请人修改"),
    "return_previous": _("退回上一步"),
    "reject": _("不同意（终止）"),
    "resubmit": _("修改后重新提交"),
    "withdraw": _("撤回申请"),
    "record_vote": _("录入表决结果"),
    "dismiss": _("异议不属实，继续推荐"),
    "uphold": _("异议属实，终止"),
    "accept": _("同意"),
    "decline": _("不同意"),
    "record_round": _("录入计票结果"),
    "reduce_seats": _("减少名额，不再选举"),
    "assign_officers": _("记录委员会分工"),
    "submit_report": _("报送选举结果报告"),
    "publish_shortlist": _("确定入围名单并公示"),
    "confirm": _("审定同意"),
    "issue_decision": _("印发表彰决定和荣誉证书"),
    "open_applications": _("发布申报通知"),
    "start_peer_review": _("分配互检互查并开始评分"),
    "publish_assessment": _("确定拟命名集体并公示"),
    "issue_recognition": _("印发命名决定和牌匾证书"),
    "submit_yearly_report": _("报送年度报告"),
    "pass_review": _("复核合格"),
    "warn": _("警告"),
    "downgrade": _("降星"),
    "revoke": _("撤销称号（限期一个月整改，逾期生效）"),
    "submit_rectification": _("报送整改报告"),
    "rectified": _("整改合格，保留称号"),
    "not_rectified": _("整改不合格，撤销称号"),
}
