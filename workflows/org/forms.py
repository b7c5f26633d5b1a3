"""Forms of the committee's member pages. They only shape input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MemberImportForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("导入到"), queryset=None, empty_label=None)
    file = forms.FileField(label=_("团员名单（Excel .xlsx 或 CSV）"))

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class OrgSheetForm(MemberImportForm):
    file = forms.FileField(label=_("组织架构表（Excel .xlsx 或 CSV）"))


class OfficeSheetForm(MemberImportForm):
    file = forms.FileField(label=_("任职名单（Excel .xlsx 或 CSV）"))
