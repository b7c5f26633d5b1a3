"""Schema-generated requests against the API: the shared driver and its WSGI fixture."""

from contextlib import contextmanager

import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings


@contextmanager
def request_signals_detached():
    """Calling the WSGI app directly fires the request signals that close the database
    connection, which would end the test's transaction; Django's test client detaches them too
    (and attaches them again after each request, so detach only around the direct calls)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def schema_exercise(
    *, headers: dict, max_examples: int, path_regex: str | None = None
) -> list[tuple[str, str, int]]:
    """Send generated requests to every operation; (method, path, status) for each answer."""
    with request_signals_detached():
        return _exercise(headers, max_examples, path_regex)


def _exercise(headers: dict, max_examples: int, path_regex: str | None):
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers=headers)
    if path_regex:
        schema = schema.include(path_regex=path_regex)
    answers: list[tuple[str, str, int]] = []

    def exercise(operation) -> None:
        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=max_examples,
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
    return answers
