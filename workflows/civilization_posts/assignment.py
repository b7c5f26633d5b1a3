"""Who reviews whom in 互检互查, as a pure function: inside one review group, each applicant is
scored by the collectives after it in a fixed circle, never by itself nor by a collective whose
reviewer belongs to it, so every collective carries about the same load."""

from __future__ import annotations


def reviewers_assign(
    *,
    applicants: list[int],
    reviewers: list[int],
    per_applicant: int,
    barred: dict[int, set[int]] | None = None,
) -> dict[int, list[int]]:
    """``applicants`` and ``reviewers`` are collective ids of one group (an applicant may be a
    reviewer too); ``per_applicant`` 0 means every eligible reviewer; ``barred[a]`` holds the
    reviewers that may not score ``a`` besides ``a`` itself."""
    barred = barred or {}
    circle = sorted(set(reviewers))
    result: dict[int, list[int]] = {}
    for applicant in sorted(applicants):
        # Start just after the applicant's own place in the circle (or where it would stand).
        start = sum(1 for reviewer in circle if reviewer <= applicant)
        ordered = circle[start:] + circle[:start]
        eligible = [
            reviewer
            for reviewer in ordered
            if reviewer != applicant and reviewer not in barred.get(applicant, set())
        ]
        result[applicant] = eligible[:per_applicant] if per_applicant else eligible
    return result
