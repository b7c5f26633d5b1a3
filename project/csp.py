"""The Content-Security-Policy (django-csp), with the few path prefixes that need more."""

from __future__ import annotations

from csp.constants import UNSAFE_HASHES, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

# viewflow's Material frontend: its web components insert <style> elements as they render, and
# without them its cards and lists lose their layout. Its scripts stay 'self', but for the two
# onclick handlers of its confirmation pages' Back button, allowed by their exact hash.
PATH_UPDATES = {
    "/workflow/": {
        "style-src": [UNSAFE_INLINE],
        "script-src": [
            UNSAFE_HASHES,
            # window.history.back(-1)
            "'sha256-seD630z7277f97kwMcz927xhDjB8+HQCe4f0EztcsAU='",
            # window.history.back(-1);setTimeout(()=>Turbo.visit('.'), 100)
            "'sha256-GdAjV6tJJrCv5L8FkbHYzJwNrscSj7aTuYJzS/C7wZY='",
        ],
    },
}


class PathCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        for prefix, update in PATH_UPDATES.items():
            if not report_only and parts.update is None and request.path_info.startswith(prefix):
                parts.update = update
        return parts
