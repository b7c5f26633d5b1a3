"""Date fields every process's pages share: a day outside its window is refused next to the
field, keeping what the user typed, and the browser's date picker offers only the window."""

from __future__ import annotations

from django import forms

from .bounds import PAST_DATES, PROCESS_DATES, past_date_validator, process_date_validator


def process_date_field(label, **kwargs) -> forms.DateField:
    """A meeting, decision, deadline or term date (2000-01-01 to 2100-12-31)."""
    widget = forms.DateInput(
        attrs={
            "type": "date",
            "min": PROCESS_DATES.first.isoformat(),
            "max": PROCESS_DATES.end().isoformat(),
        }
    )
    return forms.DateField(
        label=label, widget=widget, validators=[process_date_validator], **kwargs
    )


def birth_date_field(label, **kwargs) -> forms.DateField:
    """A date of birth (1900-01-01 to today)."""
    widget = forms.DateInput(attrs={"type": "date", "min": PAST_DATES.first.isoformat()})
    return forms.DateField(label=label, widget=widget, validators=[past_date_validator], **kwargs)
