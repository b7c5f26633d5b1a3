"""Every refusal in the API's one shape: the status says what kind, ``violations`` each reason,
``fields`` only for a request that does not fit the schema."""

from django_fsm import ConcurrentTransition
from rest_framework.exceptions import ValidationError

from workflows.api.exceptions import handle_exception
from workflows.engine.errors import NotAllowed, RuleViolation, StaleTask


def test_domain_errors_map_to_400_403_409():
    for error, status in (
        (RuleViolation(["到会 20 人，未超过应到会 50 人的二分之一"]), 400),
        (NotAllowed("只有团支部书记可以办理"), 403),
        (StaleTask("该待办已由 李组织 处理"), 409),
        (ConcurrentTransition("status changed"), 409),
    ):
        response = handle_exception(error, {})
        assert response.status_code == status
        assert set(response.data) == {"detail", "violations"}
    assert response.data["violations"] == ["该记录刚被他人修改，请刷新后再试"]


def test_malformed_fields_are_named_by_their_path():
    error = ValidationError(
        {"items": [{}, {"task": ["请填写合法的整数值。"]}], "non_field_errors": ["数据无效。"]}
    )
    response = handle_exception(error, {})
    assert response.status_code == 400
    assert response.data["violations"] == ["items[1].task：请填写合法的整数值。", "数据无效。"]
    assert response.data["detail"] == "items[1].task：请填写合法的整数值。；数据无效。"
    assert response.data["fields"]["items"][1] == {"task": ["请填写合法的整数值。"]}
