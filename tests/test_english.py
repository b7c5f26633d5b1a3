"""The English interface is complete: every page the demo's people reach by following links shows
no internal key (a flow's node, a document type, a choice's stored value) and no Chinese in its
own chrome — headings of tables, labels, buttons, menus — only in the data people typed."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from workflows.demo.logins import DEMO_LOGINS
from workflows.demo.plan import MEMBERS_DEFAULT
from workflows.demo.seed import seed
from workflows.documents.models import IssuedDocument
from workflows.engine.registry import processes

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
# Pages that answer with files, leave the session or belong to the administrator's own site.
NOT_PAGES = re.compile(
    r"^/(accounts/logout|admin/|api/|i18n/|static/|media/)|/(download|export|template|pdf|zip)"
    r"|\.(pdf|xlsx|csv|zip)$"
)
CHROME_TAGS = {"th", "label", "button", "legend", "summary", "nav", "option"}
PAGES_PER_PERSON = 120


VOID_TAGS = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Inside the chrome, these carry data (a name, a unit, a number), not the page's wording.
DATA_TAGS = {"a", "strong", "code", "time"}


class _Page(HTMLParser):
    """The page's visible text, the part of it that is the page's own wording, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.chrome: list[str] = []
        self.links: list[str] = []
        self._open: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag not in VOID_TAGS:
            is_data = tag in DATA_TAGS or "data" in (attrs.get("class") or "").split()
            self._open.append((tag, is_data))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        tags = {tag for tag, _ in self._open}
        if tags & {"script", "style"} or not data.strip():
            return
        self.text.append(data)
        if tags & CHROME_TAGS and not any(is_data for _, is_data in self._open):
            self.chrome.append(data.strip())


def _internal_keys() -> set[str]:
    """Names the code uses that a person should never read."""
    keys = {spec.key for spec in processes()}
    for spec in processes():
        keys |= {node.name for node in spec.flow_class.instance.nodes()}
    keys |= set(IssuedDocument.objects.values_list("kind", flat=True).distinct())
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                keys.add(str(value))
    # A key is only recognisable as one when it is an identifier with an underscore.
    return {key for key in keys if re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", key)}


def _crawl(client: Client, starts: list[str], broken: list[str]) -> dict[str, _Page]:
    """Pages reached from ``starts``; a link that leads to an error page is added to ``broken``."""
    seen: dict[str, _Page] = {}
    queue = deque((start, "") for start in starts)
    visited: set[str] = set()
    while queue and len(seen) < PAGES_PER_PERSON:
        url, referrer = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        response = client.get(url)
        if response.status_code >= 400:
            broken.append(f"{url} ({response.status_code}) linked from {referrer}")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        seen[url] = page
        for href in page.links:
            link = urldefrag(href).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if NOT_PAGES.search(parts.path) or link in visited:
                continue
            queue.append((link, url))
    return seen


@pytest.mark.django_db
def test_every_page_a_demo_person_reaches_reads_in_english(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed(members=MEMBERS_DEFAULT)
    keys = _internal_keys()
    alternatives = "|".join(map(re.escape, sorted(keys)))
    key_pattern = re.compile(rf"(?<![\w/.-])({alternatives})(?![\w/.-])")
    users = get_user_model().objects.in_bulk(
        [login.username for login in DEMO_LOGINS], field_name="username"
    )
    names = {name for name in _people_and_units(users) if name}
    # A printed document's QR code leads here: one page of each kind of document.
    verification_pages = [
        f"/v/{IssuedDocument.objects.filter(kind=kind).first().short_code}/"
        for kind in IssuedDocument.objects.values_list("kind", flat=True).distinct()
    ]
    problems: list[str] = []
    pages = 0
    for login in DEMO_LOGINS:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(users[login.username])
        broken: list[str] = []
        for url, page in _crawl(client, ["/", *verification_pages], broken).items():
            pages += 1
            text = " ".join(page.text)
            for key in sorted(set(key_pattern.findall(text))):
                problems.append(f"{login.username} {url}: internal key {key!r}")
            for wording in page.chrome:
                if HAN.search(wording) and not any(name in wording for name in names):
                    problems.append(f"{login.username} {url}: Chinese wording {wording!r}")
        problems += [f"{login.username}: broken link {link}" for link in broken]
    assert pages > 100, pages
    assert not problems, "\n".join(sorted(set(problems)))


def _people_and_units(users) -> set[str]:
    """Names people gave — the demo's people, organisations, collectives and 推优 rounds — and
    each language's own name in the language switch."""
    from workflows.civilization_posts.models import Collective
    from workflows.org.models import Organization
    from workflows.party_recommendation.models import Round

    names = {user.get_full_name() for user in users.values()}
    names |= {str(name) for _code, name in settings.LANGUAGES}
    names |= set(Collective.objects.values_list("name", flat=True))
    names |= set(Round.objects.values_list("title", flat=True))
    return names | set(Organization.objects.values_list("name", flat=True))
