"""Date fields keep the browser's date picker filled in whatever the site's language."""

import datetime

from django import forms
from django.utils import translation

from workflows.engine.fields import birth_date_field, process_date_field


class _Form(forms.Form):
    born = birth_date_field("出生日期")
    met = process_date_field("会议日期")


def test_a_date_is_rendered_as_the_picker_reads_it_in_chinese_and_english():
    for language in ("zh-hans", "en"):
        with translation.override(language):
            form = _Form(
                initial={"born": datetime.date(2000, 3, 5), "met": datetime.date(2026, 12, 3)}
            )
            html = str(form)
        assert 'value="2000-03-05"' in html and 'value="2026-12-03"' in html
        assert 'min="1900-01-01"' in html and 'max="2100-12-31"' in html
