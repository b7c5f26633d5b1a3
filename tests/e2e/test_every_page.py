"""Every page the demo's people reach by tapping, in Chromium at phone size: it opens, it fits the
screen's width (tables become cards), the tab bar with its badge stays in view, and the browser
reports no error — a script the Content-Security-Policy refused, a missing file."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.e2e.conftest import log_in

# Links that leave the session, answer with files, or belong to the administrator's site.
NOT_PAGES = re.compile(
    r"^/(accounts/logout|admin/|api/|i18n/|static/|media/)|/(download|export|template|pdf|zip)"
    r"|\.(pdf|xlsx|csv|zip)$"
)
PEOPLE = (
    "tuanyuan",
    "shenqingren",
    "xnk_shuji",
    "tw_shuji",
    "tw_zuzhi1",
    "shenji",
    "xnk_dangzhishu",
    "yiyuan_shuji",
)
# One page of each kind is enough: /tasks/12/ and /tasks/57/ are the same page, whoever opens it
# first; each person starts at their home page and goes where the others have not been.
PAGES_PER_PERSON = 60


def _kind(path: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/N", path)


def _links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        link = urldefrag(href).url
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if not NOT_PAGES.search(parts.path):
            found.append(link)
    return found


@pytest.fixture
def demo(transactional_db, django_capture_on_commit_callbacks):
    from workflows.demo.seed import seed

    with django_capture_on_commit_callbacks(execute=True):
        seed(members=1000)


def test_every_page_fits_a_phone_and_reports_no_error(browser, live_server, demo):
    problems: list[str] = []
    visited: set[str] = set()
    for username in PEOPLE:
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.set_default_timeout(15000)
        errors: list[str] = []
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
        log_in(page, live_server, username, "demo12345")
        queue, opened = ["/"], 0
        while queue and opened < PAGES_PER_PERSON:
            link = queue.pop(0)
            kind = _kind(urlsplit(link).path)
            if kind in visited and link != "/":
                continue
            visited.add(kind)
            errors.clear()
            response = page.goto(f"{live_server.url}{link}")
            opened += 1
            where = f"{username} {link}"
            if response is None or response.status >= 400:
                problems.append(f"{where}: status {response.status if response else '—'}")
                continue
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 1:
                problems.append(f"{where}: {overflow}px wider than the screen")
            if not page.is_visible("[data-testid=tabbar]"):
                problems.append(f"{where}: no tab bar")
            problems += [f"{where}: browser error {error}" for error in errors]
            queue += [found for found in _links(page) if _kind(urlsplit(found).path) not in visited]
        context.close()
    assert len(visited) > 45, sorted(visited)
    assert not problems, "\n".join(problems)
