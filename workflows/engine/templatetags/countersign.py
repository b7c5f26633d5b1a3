"""The task page's panel of a step several people sign (``engine/includes/countersign.html``)."""

from django import template

from ..signers import SigningPanel, signing_panel

register = template.Library()


@register.simple_tag
def signing(task, user) -> SigningPanel | None:
    return signing_panel(task=task, user=user)
