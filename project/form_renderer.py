"""Form widgets rendered by Jinja2, which draws a select of a few hundred options (units,
statuses) in a few milliseconds where Django's template engine takes tens; widgets that only
ship Django templates (the admin's) still render through Django's engine."""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class FormRenderer(Jinja2):
    @cached_property
    def _django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._django.get_template(template_name)
