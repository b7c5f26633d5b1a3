"""Schema-generated requests against the API, every answer put through every check schemathesis
has: the shared driver and its WSGI fixture.

Each operation gets requests that fit the schema (positive) and requests that break it
(negative); each answer is validated with all of schemathesis's checks — no server error,
status code, content type and response headers as documented, the body conforming to the
response schema, negative data rejected, positive data accepted, authentication not ignored,
and the stateful ones (use after free, resource availability, object-level authorization),
which have nothing to compare within single requests.

One check is refined rather than taken as is: ``positive_data_acceptance`` wants every request
that fits the schema answered 2xx. A schema states the shape of a request, not the rules that
may refuse it (the deadline has passed, the quota is used up, the roster is too small, the
step offers no such action); this API refuses those with 400 naming the rule
(``{"detail", "violations"}``, no ``fields``). Such an answer is accepted; a 400 that blames
a field (``fields``) still fails, because then the schema promised more than the API takes.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field

import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance


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


def _refused_by_a_rule(response) -> bool:
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    return isinstance(body, dict) and "violations" in body and "fields" not in body


def positive_data_accepted_or_refused_by_a_rule(ctx, response, case):
    """``positive_data_acceptance``, except that a 400 naming a broken rule is an answer."""
    if (
        case.meta is not None
        and case.meta.generation.mode.is_positive
        and response.status_code == 400
        and _refused_by_a_rule(response)
    ):
        return None
    return positive_data_acceptance(ctx, response, case)


@dataclass
class Exercise:
    """What the generated requests met: each (method, path, status) and each failed check."""

    answers: list[tuple[str, str, int]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def operations(self) -> set[tuple[str, str]]:
        return {(method, path) for method, path, _status in self.answers}


def schema_exercise(
    *,
    headers: dict,
    max_examples: int,
    path_regex: str | None = None,
    known: dict | None = None,
) -> Exercise:
    """Positive and negative requests to every operation, each answer checked; an operation
    whose path parameters are all in ``known`` also gets positive requests on those real
    objects (generated ids rarely name one)."""
    with request_signals_detached():
        return _exercise(headers, max_examples, path_regex, known or {})


def _exercise(headers: dict, max_examples: int, path_regex: str | None, known: dict) -> Exercise:
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers=headers)
    if path_regex:
        schema = schema.include(path_regex=path_regex)
    exercise = Exercise()

    def run(operation, mode: GenerationMode, path_parameters: dict | None = None) -> None:
        @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
        @hypothesis_settings(
            max_examples=max_examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            response = case.call(headers=headers)
            exercise.answers.append((operation.method, operation.path, response.status_code))
            try:
                case.validate_response(
                    response,
                    headers=headers,
                    transport_kwargs={"headers": headers},
                    excluded_checks=[positive_data_acceptance],
                    additional_checks=[positive_data_accepted_or_refused_by_a_rule],
                )
            except FailureGroup as group:
                answer = f"{response.status_code} {response.text[:300]}"
                exercise.failures.extend(
                    f"{operation.label} ({mode}): {failure.title}: {failure.message}\n"
                    f"Request: {case.as_curl_command()}\nAnswer: {answer}"
                    for failure in group.exceptions
                )

        call()

    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in GenerationMode:
            run(operation, mode)
        names = {parameter.name for parameter in operation.path_parameters}
        if names and names <= set(known):
            run(operation, GenerationMode.POSITIVE, {name: known[name] for name in names})
    return exercise
