"""The one viewflow Site: flow dashboards and charts for administrators.

People work through the engine's own inbox and case pages, which are scoped by the
organisation tree; the Site is limited to superusers.
"""

from viewflow.urls import Site


class AdminSite(Site):
    title = "团务审批 · 流程管理"

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and user.is_superuser


site = AdminSite(viewsets=[])
