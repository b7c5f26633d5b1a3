from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.forms.renderers import get_default_renderer
from django.template.backends.jinja2 import Jinja2

from project.form_renderer import FormRenderer


def test_the_site_renders_forms_with_its_renderer():
    assert isinstance(get_default_renderer(), FormRenderer)


def test_django_widgets_render_through_jinja2_with_their_options_escaped():
    widget = forms.Select(choices=[("a", "吉𠮷<甲>"), ("b", "乙")])

    html = widget.render("unit", "b", renderer=FormRenderer())

    assert '<option value="b" selected>乙</option>' in html
    assert "吉𠮷&lt;甲&gt;" in html
    template = FormRenderer().get_template("django/forms/widgets/select.html")
    assert isinstance(template.backend, Jinja2)


def test_widgets_with_only_django_templates_still_render():
    html = AdminDateWidget().render("day", "2026-05-04", renderer=FormRenderer())

    assert 'class="vDateField"' in html and 'value="2026-05-04"' in html
