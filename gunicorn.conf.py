"""Gunicorn settings for `make run` and for production (gunicorn reads this file from the
working directory): a few processes, each with a few threads, since a request mostly waits on
the database."""

import os

wsgi_app = "project.wsgi:application"
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
# A PDF batch or an XLSX export of 100,000 rows can take a minute.
timeout = int(os.environ.get("WEB_TIMEOUT", "120"))
# Empty: no access log.
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
