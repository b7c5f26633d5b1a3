"""Domain errors. Each message names the rule and the numbers behind it."""

from __future__ import annotations


class CaseError(Exception):
    """A request the rules refuse; ``messages`` lists every reason."""

    def __init__(self, messages: str | list[str]):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("；".join(self.messages))


class RuleViolation(CaseError):
    """A procedural rule (eligibility, quorum, majority, quota) is not met."""


class StaleTask(CaseError):
    """The task was already handled by someone else (a double click, a second approver)."""


class NotAllowed(CaseError):
    """The user may not take this action on this case or task."""
