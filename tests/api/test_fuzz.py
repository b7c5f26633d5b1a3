"""Generated requests against the OpenAPI schema: bad input gets a 4xx answer, never a 500."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_in_test_transaction():
    """Calling the WSGI app directly fires the request signals that close the database
    connection, which would end the test's transaction; Django's test client detaches them too."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_no_endpoint_answers_500(world, submitted, wsgi_in_test_transaction):
    token, _ = Token.objects.get_or_create(user=world.secretary_a)
    headers = {"Authorization": f"Token {token.key}"}
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", wsgi_in_test_transaction, headers=headers
    )
    answers: list[tuple[str, str, int]] = []

    def exercise(operation) -> None:
        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=30,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            response = case.call(headers=headers)
            answers.append((operation.method, operation.path, response.status_code))

        call()

    for result in schema.get_all_operations():
        exercise(result.ok())

    assert len({(method, path) for method, path, _ in answers}) >= 10
    assert [answer for answer in answers if answer[2] >= 500] == []
