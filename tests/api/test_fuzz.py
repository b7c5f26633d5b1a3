"""Generated requests against the OpenAPI schema: bad input gets a 4xx answer, never a 500."""

import pytest
from rest_framework.authtoken.models import Token

from tests.api.fuzz import schema_exercise

pytestmark = pytest.mark.django_db


def test_no_endpoint_answers_500(world, submitted):
    token, _ = Token.objects.get_or_create(user=world.secretary_a)
    answers = schema_exercise(headers={"Authorization": f"Token {token.key}"}, max_examples=30)
    assert len({(method, path) for method, path, _ in answers}) >= 10
    assert [answer for answer in answers if answer[2] >= 500] == []
