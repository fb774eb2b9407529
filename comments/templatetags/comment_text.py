from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def comment_text(body: str) -> SafeString:
    """A comment as safe HTML: everything escaped, line breaks kept, web links clickable.

    Django's urlize escapes the text and writes rel="nofollow" itself; the links
    also get ugc (user content) and noopener. A commenter cannot forge that
    attribute: their quotes are escaped before this replacement runs.
    """
    html = urlize(body, trim_url_limit=60, nofollow=True, autoescape=True)
    html = html.replace(' rel="nofollow"', ' rel="nofollow ugc noopener"')
    return mark_safe(linebreaks(html, autoescape=False))  # noqa: S308 (input escaped by urlize)
