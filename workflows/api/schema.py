"""The OpenAPI schema says what the API really answers: besides each operation's success, the
errors it may give, in the one shape ``exceptions.handle_exception`` writes."""

from __future__ import annotations

from django.core.validators import ProhibitNullCharactersValidator
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="The refusal in words.")
    violations = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Each reason on its own: the rule and its numbers, or ``field：reason``.",
    )
    fields = serializers.DictField(
        required=False,
        help_text="Only when the request does not fit this schema: DRF's reasons keyed by "
        "field (a list for a field, nested for an object or a list of them). A request that "
        "fits the schema but breaks a rule has no ``fields``.",
    )


ERRORS = {
    "400": "The request breaks a rule or a field is malformed; ``violations`` names each.",
    "401": "No valid credentials: send ``Authorization: Token <key>`` or a session cookie.",
    "403": "The caller may not take this action (or the session's CSRF token is missing).",
    "404": "Nothing of that id in the caller's scope (or the page is past the last).",
    "409": "Someone else already handled the task, or the record changed meanwhile.",
    "415": "The body is not in a media type the operation takes.",
}
# The server sends this header with every 401 (TokenAuthentication comes first).
WWW_AUTHENTICATE = {
    "WWW-Authenticate": {
        "schema": {"type": "string"},
        "required": True,
        "description": "``Token``: how to authenticate.",
    }
}


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                error = OpenApiResponse(ErrorSerializer, description=ERRORS[code])
                responses[code] = self._get_response_for_code(error, code, direction=direction)
        responses["401"].setdefault("headers", {}).update(WWW_AUTHENTICATE)
        return responses

    def _get_request_for_media_type(self, serializer, direction="request"):
        schema, required = super()._get_request_for_media_type(serializer, direction)
        # One of several shapes (a step action's payload), each with required fields: a body
        # must be sent, which drf-spectacular cannot tell from the ``oneOf`` alone.
        if isinstance(serializer, PolymorphicProxySerializer):
            required = True
        return schema, required

    def _error_codes(self) -> list[str]:
        # Any operation may be refused for its input, its caller's credentials or its scope;
        # only a write may be forbidden to a signed-in caller or lose a race, and only a body
        # can come in the wrong media type.
        writes = self.method in ("POST", "PUT", "PATCH", "DELETE")
        body = writes and self.get_request_serializer() is not None
        return [
            "400",
            "401",
            *(["403", "409"] if writes else []),
            "404",
            *(["415"] if body else []),
        ]


class TextWithoutNulCharacters(OpenApiSerializerFieldExtension):
    """DRF's text fields refuse the NUL character (PostgreSQL cannot store it): say so of what
    a request sends (an error message may quote the refused text back)."""

    target_class = "rest_framework.fields.CharField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        validators = self.target.validators
        if direction == "request" and any(
            isinstance(validator, ProhibitNullCharactersValidator) for validator in validators
        ):
            schema["pattern"] = "^[^\\u0000]*$"
        return schema
