from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.views import View

from ..models import Notification
from ..services.notifications import notifications_mark_read


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request):
        items = list(Notification.objects.filter(user=request.user)[:100])
        notifications_mark_read(user=request.user)
        return render(request, "engine/notifications.html", {"items": items})
