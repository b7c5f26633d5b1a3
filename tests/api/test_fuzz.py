"""Generated requests against the OpenAPI schema, every answer put through every check
schemathesis has (see tests/api/fuzz.py)."""

import pytest
from rest_framework.authtoken.models import Token

from tests.api.fuzz import schema_exercise
from tests.cases import open_task

pytestmark = pytest.mark.django_db


def test_every_operation_passes_every_check(world, submitted):
    token, _ = Token.objects.get_or_create(user=world.secretary_a)
    known = {
        "task_pk": open_task(submitted).pk,
        "label": "party_recommendation.application",
        "id": submitted.pk,
    }
    exercise = schema_exercise(
        headers={"Authorization": f"Token {token.key}"}, max_examples=25, known=known
    )
    assert len(exercise.operations) >= 10
    assert exercise.failures == []
