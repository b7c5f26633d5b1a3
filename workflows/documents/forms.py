from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class VerifyUploadForm(forms.Form):
    file = forms.FileField(label=_("上传PDF文件比对"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
        if upload.size > limit:
            raise forms.ValidationError(_("文件过大。"))
        return upload
