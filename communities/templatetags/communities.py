"""Communities on other apps' pages: the post page and the profile."""

from django import template

from communities.forms import ShareForm
from communities.models import SharedPost

register = template.Library()


@register.inclusion_tag("communities/_post_communities.html", takes_context=True)
def post_communities(context, post):
    """Where the post is shared; for its author, also why a facilitator took it out, and a form to share it."""
    request = context["request"]
    is_author = post.can_edit(request.user)
    shares = SharedPost.objects.filter(post=post, community__is_hidden=False).select_related("community")
    if not is_author:
        shares = shares.filter(removed_at=None)
    shares = list(shares.order_by("community__name"))
    form = ShareForm(user=request.user, post=post) if is_author and post.is_published else None
    return {
        "post": post,
        "shared": [s for s in shares if s.removed_at is None],
        "removed": [s for s in shares if s.removed_at is not None],
        "share_form": form if form is not None and form.fields["community"].queryset.exists() else None,
        "csrf_token": context.get("csrf_token"),
    }
