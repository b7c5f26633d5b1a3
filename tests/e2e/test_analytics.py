"""In a real browser on a phone: a committee secretary opens the analytics page."""

import pytest

from .conftest import go_to, log_in

pytestmark = pytest.mark.e2e


def test_analytics_page_draws_its_charts_within_the_phone_width(
    page, live_server, returned_application
):
    log_in(page, live_server, "tw_shuji")
    go_to(page, "analytics")

    assert page.locator("[data-testid=figure-cycle] svg.analytics-chart").is_visible()
    assert page.locator("[data-testid=figure-throughput] svg.analytics-chart").is_visible()
    assert "推优入党" in page.inner_text("[data-testid=table-decisions]")
    fits = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert fits
