import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: the deployment warnings (a local SITE_URL) are logged here.
from project.checks import checks_log  # noqa: E402

checks_log()
