"""Celery tasks for deployments with a broker; the embedded worker calls the same sweep."""

from celery import shared_task

from .services.timers import timers_sweep


@shared_task(name="workflows.engine.tasks.timers_fire")
def timers_fire() -> dict:
    return vars(timers_sweep())
