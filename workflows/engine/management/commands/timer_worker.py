"""The embedded timer worker: sweeps due timers and reminders every TIMER_WORKER_INTERVAL s.

With Celery on Redis, beat runs ``workflows.engine.tasks.timers_fire`` instead.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from workflows.engine.services.timers import timers_sweep


class Command(BaseCommand):
    help = "定时任务：触发到期的流程计时器（公示期满等）并发送催办提醒"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="sweep once and exit")

    def handle(self, *args, once: bool = False, **options):
        while True:
            result = timers_sweep()
            if once:
                self.stdout.write(
                    f"触发计时器 {result.timers_fired} 个，发送催办 {result.reminders_sent} 条"
                )
                return
            time.sleep(settings.TIMER_WORKER_INTERVAL)
