"""Screenshots of the demo for the README, taken from a running server (``make run``) with
Debian's chromium: phone (390×844) and desktop (1366×900).

    .venv/bin/python scripts/screenshots.py [--url http://127.0.0.1:8000] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

PASSWORD = "demo12345"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# (file name, viewport, username, path or "first-task", what the picture shows)
SHOTS = (
    ("phone-home-member", PHONE, "tuanyuan", "/", "a member's home page"),
    ("phone-inbox", PHONE, "xnk_shuji", "/inbox/", "a branch secretary's 待办"),
    ("phone-task", PHONE, "xnk_shuji", "first-task", "the task page and its decision bar"),
    ("phone-my-case", PHONE, "shenqingren", "first-case", "a returned application's timeline"),
    ("phone-more", PHONE, "tw_shuji", "/more/", "every section under 更多"),
    ("desktop-inbox", DESKTOP, "tw_zuzhi1", "/queue/", "the committee's shared queue"),
    ("desktop-audit", DESKTOP, "shenji", "/audit/", "the auditor's event list"),
)


def log_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def open_first(page: Page, url: str, listing: str, pattern: str) -> None:
    """Follow the first link on ``listing`` whose address matches ``pattern``."""
    page.goto(f"{url}{listing}")
    for link in page.locator("main a").all():
        href = link.get_attribute("href") or ""
        if re.search(pattern, href):
            page.goto(f"{url}{href}")
            return
    raise SystemExit(f"nothing matching {pattern} on {listing}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screenshots")
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        for name, viewport, username, target, caption in SHOTS:
            context = browser.new_context(locale="zh-CN", viewport=viewport)
            page = context.new_page()
            log_in(page, options.url, username)
            if target == "first-task":
                open_first(page, options.url, "/inbox/", r"^/tasks/\d+/$")
            elif target == "first-case":
                open_first(page, options.url, "/my/", r"^/cases/")
                page.locator("[data-testid=timeline]").scroll_into_view_if_needed()
            else:
                page.goto(f"{options.url}{target}")
            page.wait_for_load_state("networkidle")
            path = out / f"{name}.png"
            page.screenshot(path=str(path), full_page=False)
            print(f"{path}: {caption}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
