"""Date fields every process's pages share: a day outside its window is refused next to the
field, keeping what the user typed, and the browser's date picker offers only the window."""

from __future__ import annotations

from django import forms

from .bounds import PAST_DATES, PROCESS_DATES, past_date_validator, process_date_validator


def date_widget(**attrs) -> forms.DateInput:
    """The browser's date picker. Its value is always ISO: the site's own date format (e.g.
    2026/12/03 in Chinese) would leave the picker empty and a required field unsendable."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", **attrs})


def process_date_widget() -> forms.DateInput:
    return date_widget(min=PROCESS_DATES.first.isoformat(), max=PROCESS_DATES.end().isoformat())


def past_date_widget() -> forms.DateInput:
    return date_widget(min=PAST_DATES.first.isoformat())


def process_date_field(label, **kwargs) -> forms.DateField:
    """A meeting, decision, deadline or term date (2000-01-01 to 2100-12-31)."""
    widget = process_date_widget()
    return forms.DateField(
        label=label, widget=widget, validators=[process_date_validator], **kwargs
    )


def birth_date_field(label, **kwargs) -> forms.DateField:
    """A date of birth (1900-01-01 to today)."""
    return forms.DateField(
        label=label, widget=past_date_widget(), validators=[past_date_validator], **kwargs
    )
