"""How large a number and how far a date anyone may enter.

One definition shared by the forms, the API serializers, the spreadsheet import, the models'
validators and the services that read task data: a value outside its bound is refused with a
message naming the field and the limit, long before the database could overflow (an integer
above 2³¹−1 is a DataError on PostgreSQL) or an implausible day (0001-01-01) reaches a record.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import CaseError


@dataclass(frozen=True)
class Bound:
    """The smallest and largest whole number a field accepts."""

    minimum: int
    maximum: int

    @property
    def limits(self) -> dict[str, int]:
        """``min_value``/``max_value`` for a form or serializer field (and the OpenAPI schema)."""
        return {"min_value": self.minimum, "max_value": self.maximum}

    def validators(self) -> list:
        return [MinValueValidator(self.minimum), MaxValueValidator(self.maximum)]

    def problem(self, value: int, label: str) -> str | None:
        if self.minimum <= value <= self.maximum:
            return None
        return _("%(label)s %(value)s 超出范围（%(minimum)s–%(maximum)s）") % {
            "label": label,
            "value": value,
            "minimum": self.minimum,
            "maximum": self.maximum,
        }

    def parse(self, value: Any, label: str) -> int:
        """A whole number from request data (JSON number or text), within the bound."""
        number = integer_or_none(value)
        if number is None:
            raise CaseError(_("%(label)s应为整数") % {"label": label})
        problem = self.problem(number, label)
        if problem:
            raise CaseError(problem)
        return number


def integer_or_none(value: Any) -> int | None:
    """``value`` as a whole number: an int, an integral float, or digits as text (30 at most)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip() if value is not None else ""
    sign, digits = (text[:1], text[1:]) if text[:1] in "+-" else ("", text)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 30:
        return None
    return int(sign + digits)


# People, ballots and votes: more than any roll a league organisation holds.
HEADCOUNT = Bound(0, 100_000)
# Places on a branch committee (the rulebook caps it lower; this keeps the number sane).
SEATS = Bound(1, 15)
# Primary keys are big integers.
ID = Bound(1, 2**63 - 1)
# Page numbers of a list.
PAGE = Bound(1, 10**9)
# Ages in years, as conditions of an award category.
AGE = Bound(0, 100)
# Spans in years: 团龄, years in office, the gap before the same honour again.
YEARS = Bound(0, 50)
# Months of unpaid dues tolerated.
MONTHS = Bound(0, 120)
# Volunteer hours in a year (a year has 8,760).
HOURS = Bound(0, 8_760)
# A percentage.
PERCENT = Bound(0, 100)
# The length of a written text, in characters.
CHARACTERS = Bound(1, 20_000)
# A judge's score.
SCORE = Bound(0, 100)


@dataclass(frozen=True)
class DateWindow:
    """The days a date field accepts; ``last=None`` means up to today."""

    first: datetime.date
    last: datetime.date | None

    def end(self) -> datetime.date:
        return self.last or timezone.localdate()

    def problem(self, value: datetime.date, label: str) -> str | None:
        end = self.end()
        if self.first <= value <= end:
            return None
        values = {"label": label, "value": value.isoformat(), "first": self.first.isoformat()}
        if value < self.first:
            return _("%(label)s %(value)s 早于 %(first)s") % values
        return _("%(label)s %(value)s 晚于 %(last)s") % {**values, "last": end.isoformat()}

    def check(self, value: datetime.date, label: str) -> datetime.date:
        problem = self.problem(value, label)
        if problem:
            raise CaseError(problem)
        return value


WINDOWS = {
    # Births and a person's past: nobody alive was born before 1900, nothing is dated tomorrow.
    "past": DateWindow(datetime.date(1900, 1, 1), None),
    # Meetings, decisions, deadlines and terms: the years the system can plausibly serve.
    "process": DateWindow(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)),
}
PAST_DATES = WINDOWS["past"]
PROCESS_DATES = WINDOWS["process"]
# A campaign's, a cycle's or a review's year lies in the window of process dates.
YEAR = Bound(PROCESS_DATES.first.year, PROCESS_DATES.end().year)


@deconstructible
class DateWindowValidator:
    """A form, serializer or model validator for one of ``WINDOWS`` (named, so migrations stay
    stable when a window moves)."""

    def __init__(self, window: str):
        self.window = window

    def __call__(self, value: datetime.date) -> None:
        if not isinstance(value, datetime.date):
            return
        window = WINDOWS[self.window]
        if not window.first <= value <= window.end():
            raise ValidationError(
                gettext_lazy("日期应在 %(first)s 至 %(last)s 之间"),
                code="date_window",
                params={"first": window.first.isoformat(), "last": window.end().isoformat()},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateWindowValidator) and other.window == self.window

    def __hash__(self) -> int:
        return hash(self.window)


past_date_validator = DateWindowValidator("past")
process_date_validator = DateWindowValidator("process")
