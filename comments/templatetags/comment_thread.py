"""The comment thread of a post page, rendered in Python.

A post can have hundreds of comments; as a template included once per comment
the thread was most of the page's cost (the engine resolves ~100 variables a
comment). format_html escapes every value exactly as the template did.
"""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from comments.models import Comment
from comments.templatetags.comment_text import comment_text
from posts.templatetags.thai import time_tag

register = template.Library()


def _comment(comment: Comment, *, can_reply: bool, moderation_token: str) -> SafeString:
    classes = "comment"
    if comment.is_by_post_author:
        classes += " comment-by-author"
    if not comment.is_approved:
        classes += f" comment-{comment.status}"
    if comment.author_id:
        who = format_html('<a href="{}">{}</a>', comment.author.profile.get_absolute_url(), comment.display_name)
    else:
        who = format_html(
            '<span>{}</span> <span class="guest-label">{}</span>', comment.display_name, gettext("ผู้เยี่ยมชม")
        )
    head = [format_html('<a class="comment-number" href="#comment-{0}">#{0}</a>', comment.position), who]
    if comment.is_by_post_author:
        head.append(format_html('<span class="badge">{}</span>', gettext("ผู้เขียนบันทึก")))
    if comment.created:
        head.append(
            format_html('<span class="comment-date">{}</span>', time_tag(comment.created, "datetime", recent=True))
        )
    if not comment.is_approved:
        label = gettext("รออนุมัติ") if comment.status == Comment.Status.PENDING else comment.get_status_display()
        head.append(format_html('<span class="status-badge">{}</span>', label))
    actions = []
    if can_reply and comment.is_approved and not comment.parent_id:
        actions.append(format_html('<a href="?reply={}#comment-form">{}</a>', comment.pk, gettext("ตอบ")))
    if moderation_token:
        buttons = []
        if not comment.is_approved:
            buttons.append(("approve", "button button-small", gettext("อนุมัติ")))
        if comment.is_approved or comment.status == Comment.Status.PENDING:
            buttons.append(("hide", "button button-small", gettext("ซ่อน")))
        buttons.append(("delete", "button button-small button-quiet", gettext("ลบ")))
        actions.append(
            format_html(
                '<form method="post" action="{}" class="moderation">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}</form>',
                reverse("comments:moderate", args=[comment.pk]),
                moderation_token,
                format_html_join("", '<button type="submit" name="action" value="{}" class="{}">{}</button>', buttons),
            )
        )
    return format_html(
        '<article class="{}" id="comment-{}"><header class="comment-head">{}</header>'
        '<div class="comment-body">{}</div><footer class="comment-actions">{}</footer></article>\n',
        classes,
        comment.position,
        mark_safe(" ".join(head)),  # noqa: S308 (each piece built by format_html above)
        comment_text(comment.body),
        mark_safe(" ".join(actions)),  # noqa: S308 (each piece built by format_html above)
    )


@register.simple_tag(takes_context=True)
def comment_thread(context, thread) -> SafeString:
    """Top-level comments in order, each followed by its replies."""
    can_edit = context.get("can_edit", False)
    token = get_token(context["request"]) if can_edit else ""
    options = {"can_reply": bool(context.get("comment_form")), "moderation_token": token}
    html = []
    for comment, replies in thread:
        html.append(_comment(comment, **options))
        if replies:
            inner = "".join(_comment(reply, **options) for reply in replies)
            html.append(format_html('<div class="replies">{}</div>', mark_safe(inner)))  # noqa: S308
    return mark_safe("".join(html))  # noqa: S308 (every part built with format_html)
