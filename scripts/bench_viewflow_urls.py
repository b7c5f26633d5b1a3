"""The benchmark's URLs: the project's, plus stock viewflow's workflow app (its inbox, queue and
archive) over the same flows under /stock/, to time the same lists both ways."""

from django.urls import include, path
from viewflow.urls import Site
from viewflow.workflow.flow import FlowViewset, WorkflowAppViewset

from workflows.engine.registry import processes


class StockWorkflowApp(WorkflowAppViewset):
    # The project admits only superusers to viewflow's pages; the benchmark's people are not.
    def has_view_permission(self, user, obj=None) -> bool:
        return user.is_authenticated


site = Site(
    title="viewflow",
    viewsets=[
        StockWorkflowApp(
            flow_viewsets=[
                FlowViewset(flow_class)
                for flow_class in dict.fromkeys(entry.flow_class for entry in processes())
            ]
        )
    ],
)

urlpatterns = [path("stock/", site.urls), path("", include("project.urls"))]
