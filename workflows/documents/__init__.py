import logging

# Set before anything imports WeasyPrint: it logs "Step n" progress lines at INFO, on import and
# seven per render, which would drown the real logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
