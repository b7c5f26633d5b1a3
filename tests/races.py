"""Running calls at the same instant in threads, each on its own database connection, as two
people clicking at once would (PostgreSQL row locks decide who waits)."""

import threading

from django.db import connection

from workflows.engine.errors import CaseError


def race(calls) -> list[str]:
    """Each call's outcome: "ok", or the message of the CaseError it raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except CaseError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
