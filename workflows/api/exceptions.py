"""Every refusal in one shape, never a 500: ``{"detail": text, "violations": [each reason]}``.

A rule the request breaks is 400 (its message names the rule and the numbers); a malformed
field is 400 too, each violation naming the field, with ``fields`` keyed by field for
programs; an action the caller may not take is 403; a task someone else already handled is
409. Anonymous callers get DRF's 401 with its ``WWW-Authenticate`` header.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_fsm import ConcurrentTransition
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from workflows.engine.errors import CaseError, NotAllowed, StaleTask
from workflows.wording import clauses_text


def handle_exception(exc, context):
    if isinstance(exc, CaseError):
        return _refusal(exc.messages, _status_of(exc))
    if isinstance(exc, ConcurrentTransition):
        return _refusal([_("该记录刚被他人修改，请刷新后再试")], status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, PermissionDenied):
        return _refusal([str(exc) or _("无权操作")], status.HTTP_403_FORBIDDEN)
    response = exception_handler(exc, context)
    if isinstance(exc, ValidationError) and response is not None:
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body = _refusal(_field_messages(fields), status.HTTP_400_BAD_REQUEST).data
        response.data = {**body, "fields": fields}
    return response


def _status_of(error: CaseError) -> int:
    if isinstance(error, StaleTask):
        return status.HTTP_409_CONFLICT
    if isinstance(error, NotAllowed):
        return status.HTTP_403_FORBIDDEN
    return status.HTTP_400_BAD_REQUEST


def _refusal(messages: list[str], code: int) -> Response:
    return Response({"detail": clauses_text(messages), "violations": messages}, status=code)


def _field_messages(errors, path: str = "") -> list[str]:
    """``field：reason`` for every reason, nested fields written ``items[0].task``."""
    if isinstance(errors, dict):
        return [
            message
            for key, value in errors.items()
            for message in _field_messages(value, _joined(path, key))
        ]
    if isinstance(errors, list):
        if all(isinstance(item, str) for item in errors):
            return [f"{path}：{item}" if path else str(item) for item in errors]
        return [
            message
            for index, item in enumerate(errors)
            for message in _field_messages(item, f"{path}[{index}]")
        ]
    return [f"{path}：{errors}" if path else str(errors)]


def _joined(path: str, key) -> str:
    if key == "non_field_errors":
        return path
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


@csrf_exempt  # it changes nothing, and a POST must get this 404 rather than the CSRF page
def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any path under the API that names no operation (``/tasks/abc/``): 404 in the API's shape,
    not the site's HTML page."""
    return JsonResponse({"detail": _("未找到。")}, status=status.HTTP_404_NOT_FOUND)
