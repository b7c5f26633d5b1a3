"""Reads made once per request, and every time outside one."""

from django.test import RequestFactory

from workflows.requests import CurrentRequestMiddleware, current_request, request_memo


def test_outside_a_request_every_call_computes():
    calls = []

    assert current_request() is None
    request_memo("k", lambda: calls.append(1))
    request_memo("k", lambda: calls.append(1))

    assert len(calls) == 2


def test_within_a_request_a_key_is_computed_once():
    calls = []

    def view(request):
        assert current_request() is request
        first = request_memo(("k", 1), lambda: calls.append("a") or "a")
        again = request_memo(("k", 1), lambda: calls.append("b") or "b")
        other = request_memo(("k", 2), lambda: calls.append("c") or "c")
        return first, again, other

    answer = CurrentRequestMiddleware(view)(RequestFactory().get("/"))

    assert answer == ("a", "a", "c") and calls == ["a", "c"]
    assert current_request() is None
