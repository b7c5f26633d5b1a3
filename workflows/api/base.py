"""The API's view classes: every operation documents the errors it may answer."""

from rest_framework import generics
from rest_framework.views import APIView

from .schema import ApiSchema


class ApiView(APIView):
    schema = ApiSchema()


class ApiListView(generics.ListAPIView):
    schema = ApiSchema()
