from django import template
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString

from comments import thread as comment_thread_html

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(context, thread) -> SafeString:
    """The post page's comments (see comments/thread.py), with reply links and moderation buttons."""
    can_edit = context.get("can_edit", False)
    return comment_thread_html.render(
        thread,
        can_reply=bool(context.get("comment_form")),
        moderation_token=get_token(context["request"]) if can_edit else "",
        viewer_id=context["request"].user.pk,
    )
