"""Turn domain errors into 400/409 answers with the rule's message, never a 500."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from workflows.engine.errors import CaseError, StaleTask
from workflows.wording import clauses_text


def handle_exception(exc, context):
    if isinstance(exc, StaleTask):
        return Response({"detail": clauses_text(exc.messages)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, CaseError):
        return Response(
            {"detail": clauses_text(exc.messages), "violations": exc.messages},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, ValidationError):
        return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc) or _("无权操作")}, status=status.HTTP_403_FORBIDDEN)
    return exception_handler(exc, context)
