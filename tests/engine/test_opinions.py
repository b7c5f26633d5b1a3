"""An opinion that reads as the opposite of its decision is flagged; one that agrees, or only
mentions the opposite to deny it, is not."""

import pytest

from workflows.engine.declaration import review_step
from workflows.engine.forms import TaskActionForm
from workflows.engine.models import Decision
from workflows.engine.opinions import opinion_contradiction


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("不同意，该同志团龄不足一年", "不同意"),
        ("经审核不符合条件", "不符合"),
        ("该同志不具备推荐资格", "不具备"),
        ("建议驳回", "驳回"),
        ("𠮷祥同志团费欠缴，不予推荐", "不予推荐"),
    ],
)
def test_approving_with_a_refusing_opinion_is_flagged(text, phrase):
    warning = opinion_contradiction(decision=Decision.APPROVE, text=text)

    assert warning is not None
    assert f"「{phrase}」" in warning and "「同意」" in warning


@pytest.mark.parametrize(
    "text",
    [
        "同意",
        "同意推荐𠮷祥同志为入党积极分子人选",
        "无不同意见",
        "支部委员会没有不同意见，同意上报",
        "经核查，未发现不符合条件的情形，同意",
        "经核查反映不属实，同意继续推荐",
        "",
    ],
)
def test_approving_with_an_agreeing_opinion_passes(text):
    assert opinion_contradiction(decision=Decision.APPROVE, text=text) is None


@pytest.mark.parametrize(
    "decision, text, phrase",
    [
        (Decision.REJECT, "同意", "同意"),
        (Decision.REJECT, "同意。材料齐全", "同意"),
        (Decision.RETURN, "符合条件，请补充入党申请书复印件", "符合条件"),
        (Decision.RETURN_PREVIOUS, "支部大会一致通过", "一致通过"),
        (Decision.REJECT, "同意推荐𠮷祥同志", "同意推荐"),
    ],
)
def test_refusing_or_returning_with_a_consenting_opinion_is_flagged(decision, text, phrase):
    warning = opinion_contradiction(decision=decision, text=text)

    assert warning is not None and f"「{phrase}」" in warning
    assert f"「{Decision(decision).label}」" in warning


@pytest.mark.parametrize(
    "decision, text",
    [
        (Decision.REJECT, "不同意，团龄不足一年"),
        (Decision.REJECT, "不符合条件"),
        (Decision.RETURN, "同意退回修改，请补充材料"),
        (Decision.RETURN, "请补充团员大会会议记录"),
        (Decision.REJECT, "不同意推荐"),
    ],
)
def test_refusing_or_returning_with_a_fitting_opinion_passes(decision, text):
    assert opinion_contradiction(decision=decision, text=text) is None


@pytest.mark.parametrize("decision", [Decision.RECORD, Decision.RESUBMIT, Decision.WITHDRAW])
def test_decisions_that_take_no_side_are_not_checked(decision):
    assert opinion_contradiction(decision=decision, text="不同意，同意") is None


STEP = review_step("review", "审核", approve="approve", due_working_days=5)


def test_the_task_form_asks_to_confirm_a_contradicting_opinion_before_it_passes():
    unconfirmed = TaskActionForm({"action": "approve", "opinion": "不符合条件"}, step=STEP)
    confirmed = TaskActionForm(
        {"action": "approve", "opinion": "不符合条件", "confirm_opinion": "on"}, step=STEP
    )

    assert not unconfirmed.is_valid()
    assert "「不符合」" in unconfirmed.non_field_errors()[0]
    assert unconfirmed.contradiction == unconfirmed.non_field_errors()[0]
    assert confirmed.is_valid()


def test_the_task_form_lets_a_fitting_opinion_through_without_confirmation():
    form = TaskActionForm({"action": "reject", "opinion": "不同意，团龄不足"}, step=STEP)

    assert form.is_valid() and form.contradiction is None


@pytest.mark.django_db
def test_the_task_page_shows_the_box_that_confirms_a_contradicting_opinion(
    client, world, submitted
):
    from django.urls import reverse

    from tests.cases import open_task

    application = submitted
    task = open_task(application, "branch_review")
    client.force_login(world.secretary_a)
    url = reverse("engine:task", args=[task.pk])

    flagged = client.post(url, {"action": "approve", "opinion": "不符合条件"})
    assert flagged.status_code == 400
    assert 'data-testid="confirm-opinion"' in flagged.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"

    confirmed = client.post(
        url, {"action": "approve", "opinion": "不符合条件", "confirm_opinion": "on"}
    )
    assert confirmed.status_code == 302
    application.refresh_from_db()
    assert application.status != "submitted"
