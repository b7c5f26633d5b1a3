"""Reading a page's form the way a browser would submit it, to post back what it shows."""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse


class _FormReader(HTMLParser):
    def __init__(self, testid: str):
        super().__init__(convert_charrefs=True)
        self.testid = testid
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._options: list[str] = []
        self._multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("data-testid") == self.testid:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                self.fields.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = [""]
        elif tag == "select" and name:
            self._select, self._options, self._multiple = name, [], "multiple" in attrs
            self.fields.setdefault(name, [])
        elif tag == "option" and self._select:
            self._options.append(attrs.get("value") or "")
            if "selected" in attrs:
                self.fields[self._select].append(self._options[-1])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            # HTML drops the one line break that follows <textarea>.
            text = self.fields[self._textarea][0]
            self.fields[self._textarea][0] = text.removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select:
            # A single list with nothing selected sends its first option; a multiple, none.
            if not self.fields[self._select] and not self._multiple and self._options:
                self.fields[self._select].append(self._options[0])
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][0] += data


def form_values(html: str, testid: str = "task-form") -> dict[str, list[str]]:
    """Each field of the form ``data-testid=testid`` with the values a browser would send."""
    reader = _FormReader(testid)
    reader.feed(html)
    return reader.fields


def revise_page_resubmit(client, task, *, opinion: str = "已按意见修改"):
    """Open a returned case's revise task as the logged-in holder and send its form back as it
    opened, choosing 重新提交. Returns what the page showed and the response."""
    url = reverse("engine:task", args=[task.pk])
    page = client.get(url)
    assert page.status_code == 200
    shown = form_values(page.content.decode())
    response = client.post(url, {**shown, "action": "resubmit", "opinion": opinion})
    return shown, response
