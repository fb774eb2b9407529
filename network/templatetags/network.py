"""The appreciation bar under a post."""

from django import template

from network.models import Appreciation, Bookmark

register = template.Library()
SHOWN = 30  # names listed; the count covers everyone


@register.inclusion_tag("network/_appreciation.html", takes_context=True)
def appreciation(context, post):
    request = context["request"]
    people = list(
        Appreciation.objects.filter(post=post).select_related("user__profile").order_by("-created")[: SHOWN + 1]
    )
    count = len(people) if len(people) <= SHOWN else Appreciation.objects.filter(post=post).count()
    mine, bookmarked = None, False
    if request.user.is_authenticated:
        mine = next((a.kind for a in people if a.user_id == request.user.pk), None)
        if mine is None and count > SHOWN:
            mine = Appreciation.objects.filter(post=post, user=request.user).values_list("kind", flat=True).first()
        bookmarked = Bookmark.objects.filter(post=post, user=request.user).exists()
    return {
        "post": post,
        "people": people[:SHOWN],
        "count": count,
        "more": count - min(count, SHOWN),
        "mine": mine,
        "bookmarked": bookmarked,
        "kinds": Appreciation.Kind.choices,
        "request": request,
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
    }
