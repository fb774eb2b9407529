"""The demo network `make run` shows: who follows whom, appreciation, and the notifications
the demo comments would have made, so the planet and the bell are not empty on a first visit."""

from comments.models import Comment
from network import services
from network.models import Appreciation, Bookmark, Notification
from tags.models import Tag

# (follower, kind, target): a username, a tag name or a community name.
FOLLOWS = [
    ("somsri", "user", "prasit"),
    ("somsri", "user", "wanna"),
    ("somsri", "tag", "เกษตรอินทรีย์"),
    ("prasit", "user", "somsri"),
    ("wanna", "user", "somsri"),
    ("malai", "user", "somsri"),
    ("malai", "tag", "กลุ่มออมทรัพย์"),
    ("malai", "community", "นาอินทรีย์ลุ่มน้ำปากพนัง"),
]
APPRECIATIONS = [
    ("ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1", "prasit", Appreciation.Kind.USEFUL),
    ("ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1", "wanna", Appreciation.Kind.THANKS),
    ("ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1", "malai", Appreciation.Kind.THANKS),
    ("ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนาลุงเคลื่อน", "malai", Appreciation.Kind.USEFUL),
]
BOOKMARKS = [("malai", "ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนาลุงเคลื่อน")]


def load(users: dict, posts: dict) -> None:
    """Safe to repeat: follows, appreciations and notices are each made once."""
    from communities.models import Community

    for username, kind, name in FOLLOWS:
        if kind == "user":
            target = users[name]
        elif kind == "tag":
            target = Tag.objects.filter(name=name).first()
        else:
            target = Community.objects.filter(name=name).first()
        if target is not None:
            services.follow(users[username], target)
    for title, username, kind in APPRECIATIONS:
        Appreciation.objects.get_or_create(post=posts[title], user=users[username], defaults={"kind": kind})
    for username, title in BOOKMARKS:
        Bookmark.objects.get_or_create(user=users[username], post=posts[title])
    # What the demo comments would have told the authors (on the site only: no demo mail).
    for comment in Comment.objects.approved().filter(post__in=posts.values()).select_related("post"):
        if comment.author_id != comment.post.author_id:
            Notification.objects.get_or_create(
                recipient_id=comment.post.author_id,
                key=f"comment:{comment.pk}",
                defaults={
                    "kind": Notification.Kind.COMMENT,
                    "actor_id": comment.author_id,
                    "post": comment.post,
                    "comment": comment,
                    "created": comment.created,
                },
            )
