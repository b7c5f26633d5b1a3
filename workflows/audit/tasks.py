"""Background jobs of the auditor workspace. Celery's autodiscovery imports this module in a
worker, which then knows the ZIP job and the dossier part it runs."""

from workflows.documents.jobs import zip_job_run

from .dossier import DOSSIER_ZIP_KIND

__all__ = ["DOSSIER_ZIP_KIND", "zip_job_run"]
