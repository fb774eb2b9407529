"""Structured data for search engines."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# The same escapes as Django's json_script: no "</script>" or HTML can close the block.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def blog_posting_json_ld(context, post) -> SafeString:
    """<script type="application/ld+json"> describing the post as a schema.org BlogPosting."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title[:110],
        "description": post.lead or post.title,
        "datePublished": post.published_at.isoformat() if post.published_at else None,
        "dateModified": max(post.updated_at, post.published_at or post.updated_at).isoformat(),
        "author": {
            "@type": "Person",
            "name": str(post.author.profile),
            "url": request.build_absolute_uri(post.author.profile.get_absolute_url()),
        },
        "mainEntityOfPage": request.build_absolute_uri(post.get_absolute_url()),
        "isPartOf": {
            "@type": "Blog",
            "name": post.blog.title,
            "url": request.build_absolute_uri(post.blog.get_absolute_url()),
        },
        "keywords": [tag.name for tag in post.tags.all()],
        "inLanguage": "th",
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/CommentAction",
            "userInteractionCount": post.comment_count,
        },
    }
    if post.licence_url:
        data["license"] = post.licence_url
    payload = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))
