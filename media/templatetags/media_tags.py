"""Documents attached to a post, listed under it."""

from django import template

from media.models import MediaFile

register = template.Library()


@register.inclusion_tag("media/_attachments.html")
def attachments(post):
    """The documents the post links to (no query for a post without uploads)."""
    if not post.pk or "/uploads/" not in (post.body or ""):
        return {"files": []}
    return {"files": list(MediaFile.objects.filter(posts=post, kind=MediaFile.Kind.DOCUMENT).order_by("original_name"))}


@register.simple_tag
def post_thumbnails(posts) -> str:
    """{% post_thumbnails page %} before a list of cards: each post's first picture as its thumbnail."""
    from media.rendering import attach_thumbnails

    attach_thumbnails(list(posts))
    return ""


@register.inclusion_tag("media/_og_image.html", takes_context=True)
def og_image(context, post):
    """The post's first picture for link previews (OpenGraph, Twitter), at 960 pixels."""
    from media.rendering import attach_thumbnails

    attach_thumbnails([post], width=960)
    picture = post.thumbnail
    if picture:
        picture = {**picture, "url": context["request"].build_absolute_uri(picture["url"])}
    return {"picture": picture}
