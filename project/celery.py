"""Celery app for deployments on Redis; the embedded default needs none of it."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

app = Celery("league_approvals")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
