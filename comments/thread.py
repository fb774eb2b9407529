"""A post's comment thread, as the post page shows it.

A post can have hundreds of comments, and the thread was most of the page's
cost: a Comment, a User and a Profile object per comment, and a dozen
format_html calls each. Here a comment is one row of the ten columns the page
shows, and its HTML one f-string in which everything a person wrote is escaped
(html.escape, which is what Django's escape calls, or urlize for the body).
"""

from dataclasses import dataclass
from datetime import datetime
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from comments.models import Comment
from comments.templatetags.comment_text import comment_text
from network import mentions
from posts.templatetags.thai import DateWriter
from profiles.models import Profile

COLUMNS = (
    "pk",
    "parent_id",
    "position",
    "author_id",
    "author__username",
    "author__profile__display_name",
    "guest_name",
    "body",
    "status",
    "created",
)


@dataclass(slots=True)
class ThreadComment:
    pk: int
    parent_id: int | None
    position: int
    author_id: int | None
    username: str | None
    profile_name: str | None
    guest_name: str
    body: str
    status: str
    created: datetime | None
    is_by_post_author: bool = False

    @property
    def display_name(self) -> str:
        """As Comment.display_name: the member's public name, else the guest's name."""
        if self.author_id:
            return Profile.public_name(self.profile_name, self.username)
        return self.guest_name

    @property
    def is_approved(self) -> bool:
        return self.status == Comment.Status.APPROVED

    def get_status_display(self) -> str:
        return Comment.Status(self.status).label


def load(post, user, own_ids: list[int]) -> tuple[list[ThreadComment], list[tuple[ThreadComment, list]]]:
    """What `user` sees of the post's comments: the flat list, and (comment, replies) pairs in order."""
    rows = Comment.objects.visible_to(post, user, own_ids).order_by("position").values_list(*COLUMNS)
    comments = [ThreadComment(*row) for row in rows]
    replies: dict[int, list[ThreadComment]] = {}
    for comment in comments:
        comment.is_by_post_author = comment.author_id is not None and comment.author_id == post.author_id
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    return comments, [(c, replies.get(c.pk, [])) for c in comments if not c.parent_id]


class _Writer:
    """Writes comments as HTML; what is the same for every comment is worked out once."""

    def __init__(self, *, can_reply: bool, moderation_token: str, viewer_id: int | None = None):
        self.can_reply = can_reply
        # A member's own comments can be edited or deleted by them for a while.
        self.viewer_id = viewer_id
        self.own_since = Comment.own_edit_since()
        self.edit = escape(gettext("แก้ไข"))
        self.delete = escape(gettext("ลบ"))
        self.token = escape(moderation_token)
        self.guest = escape(gettext("ผู้เยี่ยมชม"))
        badge = escape(gettext("ผู้เขียนบันทึก"))  # outside the f-string, where makemessages finds it
        self.badge = f'<span class="badge">{badge}</span>'
        self.reply = escape(gettext("ตอบ"))
        self.pending = escape(gettext("รออนุมัติ"))
        self.buttons = {
            action: f'<button type="submit" name="action" value="{action}" class="{css}">{escape(label)}</button>'
            for action, css, label in (
                ("approve", "button button-small", gettext("อนุมัติ")),
                ("hide", "button button-small", gettext("ซ่อน")),
                ("delete", "button button-small button-quiet", gettext("ลบ")),
            )
        }
        self.profile_urls: dict[str, str] = {}
        self.dates = DateWriter()
        self.mentioned: set[str] = set()

    def profile_url(self, username: str) -> str:
        if username not in self.profile_urls:
            self.profile_urls[username] = escape(reverse("profiles:detail", kwargs={"username": username}))
        return self.profile_urls[username]

    def comment(self, comment: ThreadComment) -> str:
        classes = "comment"
        if comment.is_by_post_author:
            classes += " comment-by-author"
        if not comment.is_approved:
            classes += f" comment-{escape(comment.status)}"
        name = escape(comment.display_name)
        if comment.author_id:
            who = f'<a href="{self.profile_url(comment.username)}">{name}</a>'
        else:
            who = f'<span>{name}</span> <span class="guest-label">{self.guest}</span>'
        head = f'<a class="comment-number" href="#comment-{comment.position}">#{comment.position}</a> {who}'
        if comment.is_by_post_author:
            head += " " + self.badge
        if comment.created:
            head += (
                f' <span class="comment-date">{self.dates.time_tag(comment.created, "datetime", recent=True)}</span>'
            )
        if not comment.is_approved:
            label = self.pending if comment.status == Comment.Status.PENDING else escape(comment.get_status_display())
            head += f' <span class="status-badge">{label}</span>'
        actions = []
        if self.can_reply and comment.is_approved and not comment.parent_id:
            actions.append(f'<a href="?reply={comment.pk}#comment-form">{self.reply}</a>')
        if (
            self.viewer_id is not None
            and comment.author_id == self.viewer_id
            and comment.created is not None
            and comment.created >= self.own_since
        ):
            actions.append(f'<a href="{reverse("comments:edit_own", args=[comment.pk])}">{self.edit}</a>')
            actions.append(f'<a href="{reverse("comments:delete_own", args=[comment.pk])}">{self.delete}</a>')
        if self.token:
            buttons = []
            if not comment.is_approved:
                buttons.append(self.buttons["approve"])
            if comment.is_approved or comment.status == Comment.Status.PENDING:
                buttons.append(self.buttons["hide"])
            buttons.append(self.buttons["delete"])
            actions.append(
                f'<form method="post" action="{reverse("comments:moderate", args=[comment.pk])}" class="moderation">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{self.token}">{"".join(buttons)}</form>'
            )
        return (
            f'<article class="{classes}" id="comment-{comment.position}"><header class="comment-head">{head}</header>'
            f'<div class="comment-body">{comment_text(comment.body, self.mentioned)}</div>'
            f'<footer class="comment-actions">{" ".join(actions)}</footer></article>\n'
        )


def render(
    thread: list[tuple[ThreadComment, list]], *, can_reply: bool, moderation_token: str, viewer_id: int | None = None
) -> SafeString:
    """Top-level comments in order, each followed by its replies."""
    writer = _Writer(can_reply=can_reply, moderation_token=moderation_token, viewer_id=viewer_id)
    # One query for the whole thread, and only if someone wrote an @: which @names are members.
    bodies = [c.body for comment, replies in thread for c in (comment, *replies)]
    writer.mentioned = mentions.existing(name for body in bodies if "@" in body for name in mentions.names_in(body))
    html = []
    for comment, replies in thread:
        html.append(writer.comment(comment))
        if replies:
            html.append(f'<div class="replies">{"".join(writer.comment(reply) for reply in replies)}</div>')
    return mark_safe("".join(html))  # noqa: S308 (every value a person wrote is escaped above)
