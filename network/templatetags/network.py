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


@register.inclusion_tag("network/_follow.html", takes_context=True)
def follow_button(context, target, count: bool = True):
    """The one follow button, the same for a person, a blog, a tag or a community."""
    from django.db.models import Count, Q

    from network.models import Follow

    request = context["request"]
    field = Follow.target_field(target)
    key = {"user": "username", "blog": "pk", "tag": "slug", "community": "slug"}[field]
    me = request.user.pk if request.user.is_authenticated else None
    if count or me:  # one query for both numbers
        found = Follow.objects.filter(**{field: target}).aggregate(
            all=Count("pk"), mine=Count("pk", filter=Q(follower_id=me))
        )
    else:
        found = {"all": None, "mine": 0}
    return {
        "kind": field,
        "key": getattr(target, key),
        "following": bool(found["mine"]),
        "followers": found["all"] if count else None,
        "self": field == "user" and target.pk == request.user.pk,
        "request": request,
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
    }
