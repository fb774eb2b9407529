"""Atom feeds (and RSS 2.0 for readers that need it) of published posts.

One base class says how a post becomes an entry; each feed only says which
posts: the whole site, one blog, one person, one tag.

What people wrote goes out as what it is: the sanitised body as HTML, plain
fields (lead, bio, blog description, names) as text, so a lead that reads
``<img onerror=…>`` stays words in a feed reader. Control characters, which XML
cannot carry, are dropped on the way out too, for rows written before
kmblog.text cleaned every save.
"""

import html

from django.contrib.auth import get_user_model
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from kmblog.text import strip_controls
from posts.models import Blog, Post
from tags.models import Tag

ENTRIES = 30


class AtomWithContent(Atom1Feed):
    """Atom with the full post as <content type="html"> and the plain lead as <summary type="text">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item.get("description"):
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0: the full post is the description, as most RSS readers expect.

    RSS has no way to say "plain text": readers take every description as HTML,
    so the channel's (a bio, a blog description, a tag name) is escaped.
    """

    def add_root_elements(self, handler):
        self.feed["description"] = html.escape(self.feed["description"] or "", quote=False)
        super().add_root_elements(handler)


def _clean(value):
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(v) for v in value)
    return value


class PostFeed(Feed):
    feed_type = AtomWithContent
    title = _("kmblog: บันทึกล่าสุด")
    subtitle = description = _("บันทึกการจัดการความรู้ของชุมชนนักปฏิบัติ")

    def link(self, obj=None) -> str:
        return reverse("posts:home")

    def posts(self, obj):
        return Post.objects.published()

    def items(self, obj=None):
        return (
            self.posts(obj)
            .select_related("blog", "author__profile")
            .prefetch_related("tags")
            .order_by("-published_at")[:ENTRIES]
        )

    def item_title(self, post: Post) -> str:
        return post.title

    def item_description(self, post: Post) -> str:
        if self.feed_type is RssWithContent:
            return post.body
        return post.lead or post.title

    def item_extra_kwargs(self, post: Post) -> dict:
        return {"content": post.body}

    def item_link(self, post: Post) -> str:
        return post.get_absolute_url()

    def item_guid(self, post: Post) -> str:
        return f"tag:kmblog,post:{post.number}"

    item_guid_is_permalink = False

    def item_author_name(self, post: Post) -> str:
        return str(post.author.profile)

    def item_author_link(self, post: Post) -> str:
        return self.request.build_absolute_uri(post.author.profile.get_absolute_url())

    def item_pubdate(self, post: Post):
        return post.published_at

    def item_updateddate(self, post: Post):
        return max(post.updated_at, post.published_at)

    def item_categories(self, post: Post) -> list[str]:
        return [tag.name for tag in post.tags.all()]

    def item_copyright(self, post: Post) -> str:
        return post.get_licence_display()

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = {key: _clean(value) for key, value in feed.feed.items()}
        feed.items = [{key: _clean(value) for key, value in item.items()} for item in feed.items]
        return feed


class BlogFeed(PostFeed):
    def get_object(self, request, pk: int) -> Blog:
        return get_object_or_404(Blog.objects.select_related("owner__profile"), pk=pk)

    def title(self, blog: Blog) -> str:
        return f"{blog.title} · kmblog"

    def subtitle(self, blog: Blog) -> str:
        return blog.description or blog.title

    description = subtitle

    def link(self, blog: Blog) -> str:
        return blog.get_absolute_url()

    def posts(self, blog: Blog):
        return Post.objects.published().filter(blog=blog)


class PersonFeed(PostFeed):
    def get_object(self, request, username: str):
        return get_object_or_404(get_user_model().objects.select_related("profile"), username=username, is_active=True)

    def title(self, person) -> str:
        return _("บันทึกของ %(name)s · kmblog") % {"name": person.profile}

    def subtitle(self, person) -> str:
        return person.profile.bio or str(person.profile)

    description = subtitle

    def link(self, person) -> str:
        return person.profile.get_absolute_url()

    def posts(self, person):
        return Post.objects.published().filter(author=person)


class TagFeed(PostFeed):
    def get_object(self, request, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag: Tag) -> str:
        return f"#{tag.name} · kmblog"

    def subtitle(self, tag: Tag) -> str:
        return _("บันทึกที่มีคำสำคัญ %(tag)s") % {"tag": tag.name}

    description = subtitle

    def link(self, tag: Tag) -> str:
        return tag.get_absolute_url()

    def posts(self, tag: Tag):
        return Post.objects.published().filter(tagged_items__tag=tag)


def rss(feed_class: type[PostFeed]) -> type[PostFeed]:
    """The same feed as RSS 2.0."""
    return type(f"Rss{feed_class.__name__}", (feed_class,), {"feed_type": RssWithContent})
