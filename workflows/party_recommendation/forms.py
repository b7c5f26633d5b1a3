from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.engine.fields import process_date_field

from .models import Round, Track


class ApplicationForm(forms.Form):
    round = forms.ModelChoiceField(label=_("推优批次"), queryset=Round.objects.none())
    statement = forms.CharField(
        label=_("个人简述（思想、工作、学习情况）"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class RoundForm(forms.Form):
    track = forms.ChoiceField(label=_("推荐类别"), choices=Track.choices)
    title = forms.CharField(label=_("批次名称"), max_length=120)
    meeting_date = process_date_field(_("推荐日（团员大会日期）"))
