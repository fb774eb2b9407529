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
