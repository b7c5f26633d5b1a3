"""The one viewflow Site: flow dashboards, charts and process admin for superusers.

People work through the engine's own inbox and case pages, which are scoped by the organisation
tree. Viewflow's task and process pages are not scoped per object; its SiteMiddleware refuses
every Site URL to a user this Site does not admit, so only superusers reach them.
"""

from viewflow.urls import Site


class AdminSite(Site):
    title = "团务审批 · 流程管理"

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and user.is_superuser


site = AdminSite(viewsets=[])
